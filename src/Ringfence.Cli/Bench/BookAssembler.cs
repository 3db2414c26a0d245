using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Cli.Bench;

/// <summary>
/// Brings a list of <see cref="BookEntry"/> into an engine after <see cref="BenchMarket.Header"/>: by executing the
/// commands (<see cref="BookBuild.Trades"/>) or by writing the state they leave and restoring it
/// (<see cref="BookBuild.Snapshot"/>). Both give the same state hash.
/// </summary>
internal static class BookAssembler
{
    private const int ProgressStep = 4096;

    /// <summary>Builds the engine; <paramref name="progress"/> hears how many entries are in so far.</summary>
    public static MarginEngine Assemble(IReadOnlyList<BookEntry> entries, BookBuild build, Action<int>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(entries);
        return build == BookBuild.Trades ? ByTrades(entries, progress) : BySnapshot(entries, progress);
    }

    private static MarginEngine ByTrades(IReadOnlyList<BookEntry> entries, Action<int>? progress)
    {
        var engine = BenchMarket.HeaderEngine();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            Execute(engine, new CreateAccount(entry.Account));
            Execute(engine, new Deposit(entry.Account, BenchMarket.Usdt, entry.Deposit));
            Execute(engine, BenchMarket.Opening(entry));
            if ((i + 1) % ProgressStep == 0)
            {
                progress?.Invoke(i + 1);
            }
        }

        progress?.Invoke(entries.Count);
        return engine;
    }

    private static MarginEngine BySnapshot(IReadOnlyList<BookEntry> entries, Action<int>? progress)
    {
        var header = BenchMarket.HeaderEngine().TakeSnapshot();
        var market = header.Markets.Single(m => m.Symbol == BenchMarket.Symbol);
        var contract = market.Instrument.Contract;
        var mark = BenchMarket.Mark;
        var usdt = BenchMarket.Usdt;

        var accounts = new List<Account>(header.Accounts.Count + entries.Count);
        accounts.AddRange(header.Accounts);
        var positions = new List<Position>(header.Positions.Count + entries.Count + 1);
        positions.AddRange(header.Positions);
        var balances = new List<KeyValuePair<LedgerAccount, Money>>(header.Balances.Count + (2 * entries.Count));
        balances.AddRange(header.Balances);
        var deposited = Money.Zero;
        var maker = new MakerPosition();

        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            var key = new PositionKey(entry.Account, BenchMarket.Symbol, entry.Scope);
            var isolated = entry.Scope.Kind == MarginScopeKind.Isolated;
            var collateral = isolated ? market.Model.InitialMargin(contract, entry.Side, entry.Quantity, mark, entry.Leverage) : Money.Zero;
            var setting = isolated ? entry.Leverage : BenchMarket.DefaultCrossLeverage(entry.Quantity);

            accounts.Add(new Account(entry.Account, null));
            positions.Add(new Position(key, entry.Side, entry.Quantity, mark, setting, AutoTopUp.Off));
            AddBalance(balances, LedgerAccount.Free(entry.Account, usdt), entry.Deposit - collateral);
            AddBalance(balances, LedgerAccount.PositionMargin(key, usdt), collateral);
            deposited += entry.Deposit;
            maker.Take(entry.Side == PositionSide.Long ? PositionSide.Short : PositionSide.Long, entry.Quantity);
            if ((i + 1) % ProgressStep == 0)
            {
                progress?.Invoke(i + 1);
            }
        }

        if (maker.Side is { } side)
        {
            positions.Add(new Position(new PositionKey(BenchMarket.Maker, BenchMarket.Symbol, MarginScope.Cross), side, maker.Quantity, mark, maker.Leverage, AutoTopUp.Off));
        }

        var flows = header.Flows
            .Select(f => f.Asset == usdt ? f with { Deposits = f.Deposits + deposited } : f)
            .ToList();
        var snapshot = header with { Accounts = accounts, Positions = positions, Balances = balances, Flows = flows };
        var engine = MarginEngine.Restore(snapshot);
        progress?.Invoke(entries.Count);
        return engine;
    }

    private static void AddBalance(List<KeyValuePair<LedgerAccount, Money>> balances, LedgerAccount account, Money balance)
    {
        if (balance != Money.Zero)
        {
            balances.Add(new(account, balance));
        }
    }

    private static void Execute(MarginEngine engine, Command command) => BenchMarket.Require(engine.Execute(command), command);

    /// <summary>The maker's cross position as the engine's one-way fills leave it, every fill at the mark.</summary>
    private sealed class MakerPosition
    {
        public PositionSide? Side { get; private set; }

        public Quantity Quantity { get; private set; }

        public Leverage Leverage { get; private set; }

        public void Take(PositionSide direction, Quantity quantity)
        {
            if (Side is null)
            {
                (Side, Quantity, Leverage) = (direction, quantity, BenchMarket.DefaultCrossLeverage(quantity));
            }
            else if (Side == direction)
            {
                Quantity += quantity;
            }
            else if (quantity < Quantity)
            {
                Quantity -= quantity;
            }
            else if (quantity == Quantity)
            {
                (Side, Quantity) = (null, Quantity.Zero);
            }
            else
            {
                // A flip reopens the rest with the closed position's leverage.
                (Side, Quantity) = (direction, quantity - Quantity);
            }
        }
    }
}
