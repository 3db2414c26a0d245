using Ringfence.Core.Accounts;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine;

/// <summary>
/// Values positions and margin scopes at the current marks: where each position's collateral sits, equity and
/// requirements of a cross account or a pod, and what an account can move out of its free balance.
/// </summary>
internal sealed class Valuation(EngineState state, IPodMarginModel podModel)
{
    public static Price MarkFor(Market market, Position position) => market.Mark ?? position.EntryPrice;

    /// <summary>The ledger account that holds a position's collateral.</summary>
    public static LedgerAccount CollateralAccount(PositionKey key, Market market) => key.Scope.Kind switch
    {
        _ when key.Account == AccountId.Backstop => LedgerAccount.Backstop(market.SettleAsset),
        MarginScopeKind.Isolated => LedgerAccount.PositionMargin(key, market.SettleAsset),
        MarginScopeKind.Cross => LedgerAccount.Free(key.Account, market.SettleAsset),
        _ => LedgerAccount.PodMargin(key.Account, key.Scope.Pod!, market.SettleAsset),
    };

    public static IsolatedPosition AsIsolated(Position position, Market market, Money margin) =>
        new(market.Instrument.Contract, position.Side, position.Quantity, position.EntryPrice, margin);

    public Money IsolatedMargin(Position position, Market market) =>
        state.Ledger.Balance(state.MarginOf(position.Key, market.SettleAsset));

    /// <summary>An isolated position with its collateral, ready for the margin mathematics.</summary>
    public IsolatedPosition Isolated(Position position, Market market) => AsIsolated(position, market, IsolatedMargin(position, market));

    /// <summary>Figures of the account's cross positions settling in <paramref name="asset"/>, with the free balance as collateral.</summary>
    public ScopeFigures Cross(AccountId account, Asset asset) =>
        Sum(state.Free(account, asset), state.PositionsInScope(account, MarginScope.Cross), asset);

    /// <summary>Figures of a pod in <paramref name="asset"/>, using the pod margin model for its requirement.</summary>
    public ScopeFigures Pod(PodKey pod, Asset asset)
    {
        var legs = new List<PodLeg>();
        var pnl = Money.Zero;
        foreach (var position in state.PositionsInScope(pod.Account, MarginScope.InPod(pod.Name)))
        {
            var market = MarketOf(position);
            if (market.SettleAsset != asset)
            {
                continue;
            }

            var mark = MarkFor(market, position);
            legs.Add(new PodLeg(position, market.Instrument.Contract, market.Model, mark));
            pnl += IsolatedMarginModel.UnrealizedPnl(AsIsolated(position, market, Money.Zero), mark);
        }

        var requirement = podModel.Requirement(legs);
        var collateral = state.Ledger.Balance(LedgerAccount.PodMargin(pod.Account, pod.Name, asset));
        return new ScopeFigures(collateral, pnl, requirement.Initial, requirement.Maintenance);
    }

    /// <summary>
    /// What may leave an account's free balance in <paramref name="asset"/> (withdrawal, transfer, isolated collateral,
    /// pod funding): the free balance, less what its cross positions need as initial margin beyond their PnL.
    /// </summary>
    public Money Available(AccountId account, Asset asset)
    {
        var cross = Cross(account, asset);
        return Money.Max(Money.Zero, Money.Min(cross.Collateral, cross.Equity - cross.Initial));
    }

    /// <summary>
    /// The collateral a position's liquidation price is solved with: its own margin when isolated; for cross and pod
    /// positions the scope's collateral plus the other positions' PnL less their maintenance (Binance's single-symbol
    /// form, WB − TMM₁ + UPNL₁).
    /// </summary>
    public Money EffectiveCollateral(Position position)
    {
        var market = MarketOf(position);
        if (position.Key.Scope.Kind == MarginScopeKind.Isolated)
        {
            return IsolatedMargin(position, market);
        }

        var collateral = state.Ledger.Balance(CollateralAccount(position.Key, market));
        foreach (var other in state.PositionsInScope(position.Key.Account, position.Key.Scope))
        {
            var otherMarket = MarketOf(other);
            if (other.Key == position.Key || otherMarket.SettleAsset != market.SettleAsset)
            {
                continue;
            }

            var mark = MarkFor(otherMarket, other);
            var bare = AsIsolated(other, otherMarket, Money.Zero);
            collateral += IsolatedMarginModel.UnrealizedPnl(bare, mark) - otherMarket.Model.MaintenanceMargin(bare, mark);
        }

        return collateral;
    }

    /// <summary>
    /// Bands around the current marks, one per instrument of the account's cross positions in <paramref name="asset"/>,
    /// each mark ± mark ÷ <paramref name="divisor"/> (0: the mark alone), within which the account is proven healthy:
    /// its free balance plus, per position, the lower of its PnL at the two ends less the higher of its maintenance
    /// there, is above zero. PnL and maintenance are each monotone in the mark, so the worst case over the bands is at
    /// most that sum; null when it is not above zero (or a figure at a band's end overflows).
    /// </summary>
    public (string Symbol, long Low, long High)[]? HealthyCrossBands(AccountId account, Asset asset, long divisor)
    {
        try
        {
            var worst = state.Free(account, asset);
            var bands = new List<(string Symbol, long Low, long High)>(1);
            foreach (var position in state.PositionsInScope(account, MarginScope.Cross))
            {
                var market = MarketOf(position);
                if (market.SettleAsset != asset)
                {
                    continue;
                }

                var mark = MarkFor(market, position).Units;
                var half = divisor == 0 ? 0 : mark / divisor;
                var low = Price.FromUnits(Math.Max(1, mark - half));
                var high = Price.FromUnits(checked(mark + half));
                var bare = AsIsolated(position, market, Money.Zero);
                worst += Money.Min(IsolatedMarginModel.UnrealizedPnl(bare, low), IsolatedMarginModel.UnrealizedPnl(bare, high))
                    - Money.Max(market.Model.MaintenanceMargin(bare, low), market.Model.MaintenanceMargin(bare, high));
                bands.Add((position.Key.Symbol, low.Units, high.Units));
            }

            return worst.IsPositive ? [.. bands] : null;
        }
        catch (OverflowException)
        {
            return null;
        }
    }

    /// <summary>The position's auto-deleveraging score (<see cref="Liquidation.AdlScore"/>) at its mark.</summary>
    public double AdlScore(Position position)
    {
        var market = MarketOf(position);
        var mark = MarkFor(market, position);
        var collateral = EffectiveCollateral(position);
        var isolated = AsIsolated(position, market, collateral);
        var pnl = IsolatedMarginModel.UnrealizedPnl(isolated, mark);
        return Liquidation.AdlScore.Of(pnl, IsolatedMarginModel.Notional(isolated, position.EntryPrice), IsolatedMarginModel.Notional(isolated, mark), collateral + pnl);
    }

    public Market MarketOf(Position position) => state.TryGetMarket(position.Key.Symbol, out var market)
        ? market
        : throw new InvalidOperationException($"Position {position.Key} has no market.");

    private ScopeFigures Sum(Money collateral, ScopePositions positions, Asset asset)
    {
        var pnl = Money.Zero;
        var initial = Money.Zero;
        var maintenance = Money.Zero;
        foreach (var position in positions)
        {
            var market = MarketOf(position);
            if (market.SettleAsset != asset)
            {
                continue;
            }

            var mark = MarkFor(market, position);
            var bare = AsIsolated(position, market, Money.Zero);
            pnl += IsolatedMarginModel.UnrealizedPnl(bare, mark);
            initial += market.Model.InitialMargin(bare.Contract, bare.Side, bare.Quantity, mark, position.Leverage);
            maintenance += market.Model.MaintenanceMargin(bare, mark);
        }

        return new ScopeFigures(collateral, pnl, initial, maintenance);
    }
}
