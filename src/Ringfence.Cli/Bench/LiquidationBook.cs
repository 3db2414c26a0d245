using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Cli.Bench;

/// <summary>
/// A book of n isolated positions in <see cref="BenchMarket.Symbol"/>, one per account, opened at the mark
/// (50 000) against the cross market maker, built deterministically from a seed.
/// <list type="bullet">
/// <item>Every tenth position (exactly ⌈n/10⌉) is a long in the <b>crash band</b>: liquidation price 95.0–95.3% of the
/// mark. The band is narrower than the distance from liquidation to bankruptcy (about MMR = 0.5%), so a crash into
/// it liquidates at the mark without a bankruptcy gap — no insurance-fund draw, no auto-deleveraging.</item>
/// <item>The others are longs with a liquidation price 50–93% of the mark or shorts at 107–150%, half each.</item>
/// <item>Sizes are 1–100 lots of 0.001 BTC; the leverage (1.9–19.3×) is chosen for the target liquidation price; each
/// account deposits 3 000 USDT, more than any position's initial margin.</item>
/// </list>
/// A mark between 93% and 107% of 50 000 liquidates nothing; <see cref="CrashPrice"/> gives the mark that reaches a
/// chosen share of the positions.
/// </summary>
internal sealed class LiquidationBook
{
    /// <summary>The seed every book is generated from.</summary>
    public const int DefaultSeed = 20_240_601;

    private readonly Lazy<IReadOnlyList<Price?>> _liquidationPrices;
    private readonly Lazy<long[]> _longLiquidationUnits;

    private LiquidationBook(MarginEngine engine, IReadOnlyList<BookEntry> entries)
    {
        Engine = engine;
        Entries = entries;
        Snapshot = engine.TakeSnapshot();
        Market = Snapshot.Markets.Single(m => m.Symbol == BenchMarket.Symbol);

        // Solved on first use (about a second per million positions): the scan and update benchmarks never need them.
        _liquidationPrices = new(() => LiquidationPricesOf(entries));
        _longLiquidationUnits = new(() =>
        [
            .. entries
                .Select((e, i) => (e.Side, Price: LiquidationPrices[i]))
                .Where(p => p.Side == PositionSide.Long && p.Price is not null)
                .Select(p => p.Price!.Value.Units)
                .OrderDescending(),
        ]);
    }

    /// <summary>The engine holding the book, mark at <see cref="BenchMarket.Mark"/>.</summary>
    public MarginEngine Engine { get; }

    /// <summary>The engine's state right after building: restore it to run a crash again from the same state.</summary>
    public EngineSnapshot Snapshot { get; }

    /// <summary>The instrument as the engine holds it (its margin model).</summary>
    public Market Market { get; }

    /// <summary>The accounts and their positions.</summary>
    public IReadOnlyList<BookEntry> Entries { get; }

    /// <summary>Each entry's liquidation price as the engine solves it when the position opens.</summary>
    public IReadOnlyList<Price?> LiquidationPrices => _liquidationPrices.Value;

    /// <summary>Number of isolated positions.</summary>
    public int Positions => Entries.Count;

    /// <summary>The deposit of every account.</summary>
    public static Money Deposit { get; } = Money.FromWhole(3_000);

    /// <summary>The entries of an n-position book (no engine): deterministic for a seed.</summary>
    public static IReadOnlyList<BookEntry> Plan(int positions, int seed = DefaultSeed)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(positions);
        var random = new Random(seed);
        var entries = new BookEntry[positions];
        var lot = BenchMarket.Instrument.LotSize;
        for (var i = 0; i < positions; i++)
        {
            var quantity = Quantity.FromUnits(lot.Units * random.Next(1, 101));
            PositionSide side;
            double target;
            if (i % 10 == 0)
            {
                side = PositionSide.Long;
                target = 0.950 + (0.003 * random.NextDouble());
            }
            else if (random.Next(2) == 0)
            {
                side = PositionSide.Long;
                target = 0.50 + (0.43 * random.NextDouble());
            }
            else
            {
                side = PositionSide.Short;
                target = 1.07 + (0.43 * random.NextDouble());
            }

            entries[i] = new BookEntry(AccountId.Create($"t{i:D7}"), Deposit, side, quantity, MarginScope.Isolated, LeverageFor(side, target));
        }

        return entries;
    }

    /// <summary>Plans and builds an n-position book; <paramref name="progress"/> hears how many positions are in.</summary>
    public static LiquidationBook Build(int positions, BookBuild build = BookBuild.Snapshot, int seed = DefaultSeed, Action<int>? progress = null)
    {
        var entries = Plan(positions, seed);
        var engine = BookAssembler.Assemble(entries, build, progress);
        return new LiquidationBook(engine, entries);
    }

    /// <summary>
    /// The mark that liquidates about <paramref name="share"/> (0–0.1] of the positions: one tick below the liquidation
    /// price of the k-th highest long, k = max(1, round(share × n)). A long's liquidation price is its root rounded up to
    /// the tick (the venue's side), so the exact check passes only below it; one tick lower, the k highest are
    /// liquidatable, and so may be a few more whose root lies in that tick (<see cref="LiquidatableAt"/> counts them).
    /// </summary>
    public Price CrashPrice(double share)
    {
        if (share is <= 0 or > 0.1)
        {
            throw new ArgumentOutOfRangeException(nameof(share), share, "The crash band holds a tenth of the book: the share must be in (0, 0.1].");
        }

        var longs = _longLiquidationUnits.Value;
        var k = Math.Clamp((int)Math.Round(share * Positions), 1, longs.Length);
        return Price.FromUnits(longs[k - 1]) - Market.Instrument.TickSize;
    }

    /// <summary>How many positions the exact margin check finds liquidatable at <paramref name="mark"/> (O(n)).</summary>
    public int LiquidatableAt(Price mark) => Entries.Count(e => Market.Model.IsLiquidatable(Isolated(e, Market), mark));

    /// <summary>The positions of <paramref name="entries"/> as opened, with their collateral: for the bare margin-check scan.</summary>
    public static IReadOnlyList<IsolatedPosition> IsolatedPositions(IReadOnlyList<BookEntry> entries) =>
        [.. entries.Select(e => Isolated(e, BenchMarket.Market))];

    /// <summary>Each entry's liquidation price as the engine solves it when the position opens.</summary>
    public static IReadOnlyList<Price?> LiquidationPricesOf(IReadOnlyList<BookEntry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var market = BenchMarket.Market;
        return [.. entries.Select(e => market.Model.LiquidationPrice(Isolated(e, market), market.Instrument.TickSize))];
    }

    /// <summary>
    /// A stand-alone <see cref="LiquidationIndex"/> of the positions of <paramref name="entries"/>, as the engine's own
    /// (which is internal) holds them: to time the index query alone.
    /// </summary>
    public static LiquidationIndex IndexOf(IReadOnlyList<BookEntry> entries) => IndexOf(entries, LiquidationPricesOf(entries));

    /// <summary>The stand-alone index of this book's positions (<see cref="IndexOf(IReadOnlyList{BookEntry})"/>).</summary>
    public LiquidationIndex Index() => IndexOf(Entries, LiquidationPrices);

    private static LiquidationIndex IndexOf(IReadOnlyList<BookEntry> entries, IReadOnlyList<Price?> prices)
    {
        var index = new LiquidationIndex();
        for (var i = 0; i < entries.Count; i++)
        {
            index.Set(new PositionKey(entries[i].Account, BenchMarket.Symbol, MarginScope.Isolated), entries[i].Side, prices[i]);
        }

        return index;
    }

    /// <summary>
    /// The leverage whose initial margin puts the liquidation price at <paramref name="target"/> × the mark
    /// (flat MMR r: a long's price is E(1 − 1/L)/(1 − r), a short's E(1 + 1/L)/(1 + r)), to 0.01×.
    /// </summary>
    private static Leverage LeverageFor(PositionSide side, double target)
    {
        var r = BenchMarket.MaintenanceRate.Units / (double)FixedPoint.Scale;
        var leverage = side == PositionSide.Long ? 1 / (1 - (target * (1 - r))) : 1 / ((target * (1 + r)) - 1);
        return Leverage.FromUnits((long)Math.Round(leverage * 100) * (FixedPoint.Scale / 100));
    }

    /// <summary>An entry's position as opened: at the mark, with its initial margin as collateral.</summary>
    private static IsolatedPosition Isolated(BookEntry entry, Market market)
    {
        var contract = market.Instrument.Contract;
        var margin = market.Model.InitialMargin(contract, entry.Side, entry.Quantity, BenchMarket.Mark, entry.Leverage);
        return new IsolatedPosition(contract, entry.Side, entry.Quantity, BenchMarket.Mark, margin);
    }
}
