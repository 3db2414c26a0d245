using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>
/// An accepted command that moved a mark (its events include <see cref="MarkPriceUpdated"/>), read through what it
/// reports — auto top-ups, liquidations, deleveraging, bankruptcy gaps — with the state before and after it, so that
/// properties can hold every posting and every balance to those reports.
/// </summary>
internal sealed class MarkMove
{
    private readonly Dictionary<LedgerAccount, Money> _before;
    private readonly Dictionary<LedgerAccount, Money> _after;

    private MarkMove(ExecutedCommand step, MarkPriceUpdated update)
    {
        Step = step;
        Symbol = update.Symbol;
        Mark = update.Price;
        Events = step.Result.Events;
        _before = step.Before.Balances.ToDictionary(b => b.Key, b => b.Value);
        _after = step.After.Balances.ToDictionary(b => b.Key, b => b.Value);
        TopUps = Events.OfType<MarginToppedUp>().ToList();
        Liquidated = Events.OfType<PositionLiquidated>().ToLookup(e => new PositionKey(e.Account, e.Symbol, e.Scope));
        Deleveraged = Events.OfType<AutoDeleveraged>().ToLookup(e => new PositionKey(e.Account, e.Symbol, e.Scope));
        Gaps = Events.OfType<BankruptcyGapCovered>().ToLookup(e => e.Symbol, StringComparer.Ordinal);
        Released = Events
            .Select(e => e switch
            {
                PositionChanged { Scope.Kind: MarginScopeKind.Isolated } changed => (Key: new PositionKey(changed.Account, changed.Symbol, changed.Scope), Amount: -changed.MarginChange),
                PositionClosed { Scope.Kind: MarginScopeKind.Isolated } closed => (Key: new PositionKey(closed.Account, closed.Symbol, closed.Scope), Amount: closed.ReleasedMargin),
                _ => (Key: default(PositionKey?), Amount: Money.Zero),
            })
            .Where(r => r.Key is not null)
            .GroupBy(r => r.Key!.Value)
            .ToDictionary(g => g.Key, g => g.Aggregate(Money.Zero, (sum, r) => sum + r.Amount));
    }

    public ExecutedCommand Step { get; }

    /// <summary>The instrument whose mark moved.</summary>
    public string Symbol { get; }

    /// <summary>The new mark.</summary>
    public Price Mark { get; }

    public IReadOnlyList<EngineEvent> Events { get; }

    public IReadOnlyList<MarginToppedUp> TopUps { get; }

    /// <summary>Liquidation closes (partial and full) by position, in event order.</summary>
    public ILookup<PositionKey, PositionLiquidated> Liquidated { get; }

    /// <summary>Counterparties reduced by auto-deleveraging, by position, in event order.</summary>
    public ILookup<PositionKey, AutoDeleveraged> Deleveraged { get; }

    /// <summary>
    /// Collateral the position events report returned from an isolated position to its owner's free balance (on a mark
    /// move only a deleveraged counterparty's reduction does that).
    /// </summary>
    public IReadOnlyDictionary<PositionKey, Money> Released { get; }

    public ILookup<string, BankruptcyGapCovered> Gaps { get; }

    /// <summary>The mark move of a step, or null when the step moved no mark (or was rejected or a duplicate).</summary>
    public static MarkMove? Of(ExecutedCommand step) =>
        step.Result is { Accepted: true, Duplicate: false } && step.Result.Events.OfType<MarkPriceUpdated>().SingleOrDefault() is { } update
            ? new MarkMove(step, update)
            : null;

    public static IEnumerable<MarkMove> In(IEnumerable<ExecutedCommand> steps) => steps.Select(Of).OfType<MarkMove>();

    public Money Before(LedgerAccount account) => _before.GetValueOrDefault(account);

    public Money After(LedgerAccount account) => _after.GetValueOrDefault(account);

    public IEnumerable<LedgerAccount> ChangedAccounts() =>
        _before.Keys.Union(_after.Keys).Where(a => Before(a) != After(a));

    public Market Market(string symbol) => Step.After.Markets.Single(m => m.Symbol == symbol);

    public Position? PositionBefore(PositionKey key) => Step.Before.Positions.FirstOrDefault(p => p.Key == key);

    public Position? PositionAfter(PositionKey key) => Step.After.Positions.FirstOrDefault(p => p.Key == key);

    /// <summary>What the step reports auto top-up moved into <paramref name="key"/>.</summary>
    public Money ToppedUp(PositionKey key) =>
        TopUps.Where(t => t.Account == key.Account && t.Symbol == key.Symbol && key.Scope.Kind == MarginScopeKind.Isolated).Aggregate(Money.Zero, (sum, t) => sum + t.Amount);

    /// <summary>What the step reports auto top-up took from <paramref name="account"/>'s free balance in <paramref name="asset"/>.</summary>
    public Money ToppedUpFrom(AccountId account, Asset asset) =>
        TopUps.Where(t => t.Account == account && Market(t.Symbol).SettleAsset == asset).Aggregate(Money.Zero, (sum, t) => sum + t.Amount);

    /// <summary>True when the step liquidated or deleveraged one of <paramref name="account"/>'s cross positions.</summary>
    public bool TouchesCrossOf(AccountId account) =>
        Liquidated.Any(g => g.Key.Account == account && g.Key.Scope.Kind == MarginScopeKind.Cross)
        || Deleveraged.Any(g => g.Key.Account == account && g.Key.Scope.Kind == MarginScopeKind.Cross);

    /// <summary>The index in <see cref="Events"/> of the first event about <paramref name="key"/>'s size or collateral other than a top-up.</summary>
    public int FirstChangeOf(PositionKey key)
    {
        for (var i = 0; i < Events.Count; i++)
        {
            var about = Events[i] switch
            {
                PositionLiquidated e => new PositionKey(e.Account, e.Symbol, e.Scope),
                AutoDeleveraged e => new PositionKey(e.Account, e.Symbol, e.Scope),
                PositionChanged e => new PositionKey(e.Account, e.Symbol, e.Scope),
                PositionClosed e => new PositionKey(e.Account, e.Symbol, e.Scope),
                _ => (PositionKey?)null,
            };
            if (about == key)
            {
                return i;
            }
        }

        return int.MaxValue;
    }

    /// <summary>The ledger account that holds a position's collateral (as the engine's valuation places it).</summary>
    public static LedgerAccount CollateralOf(PositionKey key, Asset asset) => key.Scope.Kind switch
    {
        _ when key.Account == AccountId.Backstop => LedgerAccount.Backstop(asset),
        MarginScopeKind.Isolated => LedgerAccount.PositionMargin(key, asset),
        MarginScopeKind.Cross => LedgerAccount.Free(key.Account, asset),
        _ => LedgerAccount.PodMargin(key.Account, key.Scope.Pod!, asset),
    };

    /// <summary>The isolated position whose margin account <paramref name="account"/> is.</summary>
    public static PositionKey IsolatedPositionOf(LedgerAccount account)
    {
        var parts = account.Owner.Split('/');
        return new PositionKey(AccountId.Create(parts[0]), parts[1], MarginScope.Isolated);
    }

    /// <summary>The pod whose margin account <paramref name="account"/> is.</summary>
    public static PodKey PodOf(LedgerAccount account)
    {
        var parts = account.Owner.Split('/');
        return new PodKey(AccountId.Create(parts[0]), parts[1]);
    }

    /// <summary>The position as the margin mathematics sees it, with <paramref name="margin"/> as its collateral.</summary>
    public static IsolatedPosition AsIsolated(Market market, Position position, Money margin) =>
        new(market.Instrument.Contract, position.Side, position.Quantity, position.EntryPrice, margin);

    /// <summary>The exact liquidation check of an isolated position in <paramref name="snapshot"/>, at <paramref name="mark"/>, with <paramref name="extra"/> collateral.</summary>
    public static bool IsLiquidatable(EngineSnapshot snapshot, IReadOnlyDictionary<LedgerAccount, Money> balances, Position position, Price mark, Money extra)
    {
        var market = snapshot.Markets.Single(m => m.Symbol == position.Key.Symbol);
        var margin = balances.GetValueOrDefault(LedgerAccount.PositionMargin(position.Key, market.SettleAsset)) + extra;
        return market.Model.IsLiquidatable(AsIsolated(market, position, margin), mark);
    }

    /// <summary>Signed size: long positive, short negative.</summary>
    public static long Signed(PositionSide side, Quantity quantity) => side == PositionSide.Long ? quantity.Units : -quantity.Units;
}
