using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Cli.Bench;

/// <summary>
/// A book of n cross accounts in <see cref="BenchMarket.Symbol"/>, each depositing 3 000 USDT and holding one cross
/// position (long or short, 1–100 lots of 0.001 BTC, the default 20× setting) opened at the mark against the cross
/// maker. A cross account has no liquidation price of its own to index — it depends on everything the account holds —
/// so every mark update re-values every account: the comparison for the isolated book's index. No quiet mark
/// liquidates any of them (each holds at least 60% of its notional in collateral).
/// </summary>
internal sealed class CrossBook
{
    private CrossBook(MarginEngine engine, int accounts)
    {
        Engine = engine;
        Accounts = accounts;
    }

    /// <summary>The engine holding the book, mark at <see cref="BenchMarket.Mark"/>.</summary>
    public MarginEngine Engine { get; }

    /// <summary>Number of cross accounts (the maker not counted).</summary>
    public int Accounts { get; }

    /// <summary>The entries of an n-account book (no engine): deterministic for a seed.</summary>
    public static IReadOnlyList<BookEntry> Plan(int accounts, int seed = LiquidationBook.DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(accounts);
        var random = new Random(seed);
        var lot = BenchMarket.Instrument.LotSize;
        var entries = new BookEntry[accounts];
        for (var i = 0; i < accounts; i++)
        {
            var quantity = Quantity.FromUnits(lot.Units * random.Next(1, 101));
            var side = random.Next(2) == 0 ? PositionSide.Long : PositionSide.Short;
            entries[i] = new BookEntry(AccountId.Create($"c{i:D7}"), LiquidationBook.Deposit, side, quantity, MarginScope.Cross, Leverage.FromWhole(20));
        }

        return entries;
    }

    /// <summary>Plans and builds an n-account book.</summary>
    public static CrossBook Build(int accounts, BookBuild build = BookBuild.Snapshot, int seed = LiquidationBook.DefaultSeed, Action<int>? progress = null) =>
        new(BookAssembler.Assemble(Plan(accounts, seed), build, progress), accounts);
}
