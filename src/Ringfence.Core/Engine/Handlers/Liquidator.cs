using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Handlers;

/// <summary>
/// The liquidation waterfall, run when a mark price moves: auto top-up → partial liquidation down the risk tiers
/// (where the profile allows) → full liquidation against the backstop at the mark adjusted by the liquidity model →
/// liquidation fee to the instrument's insurance fund (never more than the remaining collateral) → the insurance fund
/// covers an execution worse than bankruptcy → if it cannot, auto-deleveraging of opposite positions at the bankruptcy
/// price, ranked by PnL% × effective leverage → what no candidate can absorb, the backstop takes at the bankruptcy price.
/// Isolated positions come from the liquidation index (O(log n + k)); cross accounts and pods are re-evaluated.
/// </summary>
internal sealed partial class Liquidator(CommandContext context)
{
    // Band half-widths tried, widest first, as divisors of the mark (0: the mark alone).
    private static readonly long[] BandDivisors = [8, 16, 32, 64, 128, 256, 512, 1024, 0];

    // Isolated positions that took a share of a deleveraged position in this tick: closing at the bankrupt's price may
    // have left them below maintenance at the mark, and the index, refreshed only when the command ends, cannot say so.
    private readonly List<PositionKey> _deleveraged = [];

    private EngineState State => context.State;

    public void OnMarkPrice(Market market, Price mark)
    {
        var external = market.Execution == LiquidationExecution.External;
        if (external)
        {
            ReviewOutstandingOrders(market, mark);
        }

        foreach (var key in State.Index.Crossed(market.Symbol, mark))
        {
            // The index is a candidate filter biased to include: the exact integer check decides.
            CheckIsolated(market, key, mark, external);
        }

        // A cross account inside the bands of its last valuation is healthy (CrossValuationBounds): re-valuing it would
        // do nothing, so it is skipped, and a tick inside every band of the instrument skips the loop at once.
        var bounds = State.CrossBounds;
        if (bounds is null || !bounds.IsQuiet(market.Symbol, mark, State.CrossAccountCountIn(market.Symbol)))
        {
            foreach (var account in State.CrossAccountsIn(market.Symbol))
            {
                if (bounds is not null && bounds.Covers(account, market.SettleAsset, market.Symbol, mark))
                {
                    continue;
                }

                LiquidateShared(account, MarginScope.Cross, market.SettleAsset);
                if (bounds is not null)
                {
                    State.BoundCrossAccount(account, market.SettleAsset, HealthyBands(account, market.SettleAsset));
                }
            }
        }

        foreach (var pod in State.PodsIn(market.Symbol))
        {
            LiquidateShared(pod.Account, MarginScope.InPod(pod.Name), market.SettleAsset);
        }

        // A deleveraged counterparty is checked again like any other, at the mark of its own instrument (a pod's
        // liquidation closes positions in every instrument the pod holds), until none is left below maintenance: each
        // pass closes or shrinks positions, so it ends.
        while (_deleveraged.Count > 0)
        {
            var again = _deleveraged.Distinct().Order().ToList();
            _deleveraged.Clear();
            foreach (var key in again)
            {
                if (State.TryGetMarket(key.Symbol, out var own) && own.Mark is { } ownMark)
                {
                    CheckIsolated(own, key, ownMark, own.Execution == LiquidationExecution.External);
                }
            }
        }
    }

    /// <summary>Liquidates (or, with external execution, orders the liquidation of) an isolated position that auto top-up cannot save.</summary>
    private void CheckIsolated(Market market, PositionKey key, Price mark, bool external)
    {
        if (State.TryGetPosition(key, out var position) && !position.InLiquidation && TopUpOrStillLiquidatable(market, position, mark))
        {
            if (external)
            {
                IssueOrder(market, position, mark);
            }
            else
            {
                LiquidateIsolated(market, key, mark);
            }
        }
    }

    /// <summary>
    /// The widest bands (mark ± 1/8, halving down to ± 1/1024, then the mark alone) within which a just re-valued cross
    /// account is proven healthy; null when it is not healthy even at the marks (it is then re-valued on every tick).
    /// </summary>
    private (string Symbol, long Low, long High)[]? HealthyBands(AccountId account, Asset asset)
    {
        foreach (var divisor in BandDivisors)
        {
            if (context.Valuation.HealthyCrossBands(account, asset, divisor) is { } bands)
            {
                return bands;
            }
        }

        return null;
    }

    /// <summary>Auto top-up, within its cap, back to initial margin at mark; true when the position is still liquidatable.</summary>
    private bool TopUpOrStillLiquidatable(Market market, Position position, Price mark)
    {
        var isolated = context.Valuation.Isolated(position, market);
        if (!market.Model.IsLiquidatable(isolated, mark))
        {
            return false;
        }

        if (position.TopUp.Enabled)
        {
            var target = market.Model.InitialMargin(isolated.Contract, isolated.Side, isolated.Quantity, mark, position.Leverage);
            var needed = target - IsolatedMarginModel.Equity(isolated, mark);
            var amount = Money.Min(needed, Money.Min(position.TopUp.Remaining, context.Valuation.Available(position.Key.Account, market.SettleAsset)));
            if (amount.IsPositive)
            {
                State.Ledger.Transfer(State.FreeOf(position.Key.Account, market.SettleAsset), State.CollateralOf(position.Key, market), amount);
                var topUp = position.TopUp with { Used = position.TopUp.Used + amount };
                State.PutPosition(position with { TopUp = topUp });
                isolated = isolated.WithMarginChange(amount);
                context.Emit(new MarginToppedUp(position.Key.Account, position.Key.Symbol, amount, isolated.Margin, topUp.Remaining));
            }
        }

        return market.Model.IsLiquidatable(isolated, mark);
    }

    private void LiquidateIsolated(Market market, PositionKey key, Price mark)
    {
        var position = State.TryGetPosition(key, out var found) ? found : throw new InvalidOperationException($"{key} vanished");
        var isolated = context.Valuation.Isolated(position, market);
        context.Emit(new LiquidationStarted(key.Account, key.Symbol, key.Scope, position.Side, position.Quantity, mark,
            IsolatedMarginModel.Equity(isolated, mark), market.Model.MaintenanceMargin(isolated, mark)));

        if (market.Profile.PartialLiquidation != PartialLiquidation.None && StepDownTiers(market, key, mark))
        {
            return;
        }

        LiquidateWhole(market, State.TryGetPosition(key, out var rest) ? rest : position, mark);
    }

    /// <summary>
    /// Closes slices until the notional sits in the tier below (or, for OKX, in the first tier), re-checking after each;
    /// true when the position is
    /// healthy again (what remains keeps its collateral). A slice that would close past bankruptcy is left to the full
    /// liquidation.
    /// </summary>
    private bool StepDownTiers(Market market, PositionKey key, Price mark)
    {
        while (State.TryGetPosition(key, out var position))
        {
            var tier = market.Model.TierAt(context.Valuation.Isolated(position, market), mark);
            if (tier.Number == 1)
            {
                return false;
            }

            var target = market.Profile.PartialLiquidation == PartialLiquidation.ToFirstTier ? 0 : tier.Number - 2;

            // The tier is that of the notional the requirement is valued at: at entry where the profile says so (Bybit
            // classic), so the size kept must fit the cap at the entry price, not at the mark.
            var valuedAt = market.Profile.Valuation == MaintenanceValuation.AtEntry ? position.EntryPrice : mark;
            var keep = QuantityForNotional(market, market.Instrument.Tiers.Tiers[target].Cap!.Value, valuedAt);
            if (!keep.IsPositive || keep >= position.Quantity)
            {
                return false;
            }

            var slice = position.Quantity - keep;
            var price = BackstopPrice(market, position.Side, slice, mark);
            var pnl = market.Instrument.Contract.Pnl(position.Side, slice, position.EntryPrice, price, Rounding.Down);
            if ((context.Valuation.IsolatedMargin(position, market) + pnl).IsNegative)
            {
                return false;
            }

            CloseAgainstBackstop(market, position, slice, price, forfeitRest: false);
            var remaining = State.TryGetPosition(key, out var after) ? after : null;
            if (remaining is null || !market.Model.IsLiquidatable(context.Valuation.Isolated(remaining, market), mark))
            {
                return remaining is not null;
            }
        }

        return false;
    }

    /// <summary>
    /// The account's cross (or the pod's) positions in the asset are closed one at a time, largest requirement first
    /// (profitable ones first when the scope's cash cannot pay that close's loss),
    /// until the scope is above maintenance again.
    /// </summary>
    private void LiquidateShared(AccountId account, MarginScope scope, Asset asset)
    {
        var first = true;
        while (Figures(account, scope, asset) is var now && now.Maintenance.IsPositive && now.Equity <= now.Maintenance)
        {
            var largest = State.PositionsOf(account, scope)
                .Select(p => (Position: p, Market: context.Valuation.MarketOf(p)))
                .Where(p => p.Market.SettleAsset == asset)
                .Select(p => (p.Position, p.Market, Requirement: p.Market.Model.MaintenanceMargin(Valuation.AsIsolated(p.Position, p.Market, Money.Zero), Valuation.MarkFor(p.Market, p.Position))))
                .OrderByDescending(p => p.Requirement)
                .ThenBy(p => p.Position.Key)
                .FirstOrDefault();
            if (largest.Position is null)
            {
                return;
            }

            // Profits elsewhere in the scope pay its losses before anyone else does: when closing the largest position
            // would lose more than the scope's cash, the most profitable position is closed first, realizing its PnL.
            largest = ProfitFirstIfShort(account, scope, asset, largest);
            var mark = Valuation.MarkFor(largest.Market, largest.Position);
            if (largest.Market.Execution == LiquidationExecution.External)
            {
                // One order at a time for a shared scope; the next is issued when a later mark still finds it short.
                if (!State.PositionsOf(account, scope).Any(p => p.InLiquidation))
                {
                    IssueOrder(largest.Market, largest.Position, mark);
                }

                return;
            }

            if (first)
            {
                context.Emit(new LiquidationStarted(account, largest.Position.Key.Symbol, scope, largest.Position.Side, largest.Position.Quantity, mark, now.Equity, now.Maintenance));
                first = false;
            }

            LiquidateWhole(largest.Market, largest.Position, mark);
        }
    }

    /// <summary>The figures of a cross account or a pod in <paramref name="asset"/>, valued afresh.</summary>
    private ScopeFigures Figures(AccountId account, MarginScope scope, Asset asset) => scope.Kind == MarginScopeKind.Cross
        ? context.Valuation.Cross(account, asset)
        : context.Valuation.Pod(new PodKey(account, scope.Pod!), asset);

    private (Position Position, Market Market, Money Requirement) ProfitFirstIfShort(AccountId account, MarginScope scope, Asset asset, (Position Position, Market Market, Money Requirement) largest)
    {
        var price = BackstopPrice(largest.Market, largest.Position.Side, largest.Position.Quantity, Valuation.MarkFor(largest.Market, largest.Position));
        var loss = -largest.Market.Instrument.Contract.Pnl(largest.Position.Side, largest.Position.Quantity, largest.Position.EntryPrice, price, Rounding.Down);
        if (loss <= State.Ledger.Balance(Valuation.CollateralAccount(largest.Position.Key, largest.Market)))
        {
            return largest;
        }

        var profitable = State.PositionsOf(account, scope)
            .Select(p => (Position: p, Market: context.Valuation.MarketOf(p)))
            .Where(p => p.Market.SettleAsset == asset)
            .Select(p => (p.Position, p.Market, Pnl: IsolatedMarginModel.UnrealizedPnl(Valuation.AsIsolated(p.Position, p.Market, Money.Zero), Valuation.MarkFor(p.Market, p.Position))))
            .Where(p => p.Pnl.IsPositive)
            .OrderByDescending(p => p.Pnl)
            .ThenBy(p => p.Position.Key)
            .FirstOrDefault();
        return profitable.Position is null ? largest : (profitable.Position, profitable.Market, Money.Zero);
    }

    /// <summary>
    /// Full liquidation: against the backstop when the collateral (or, for the gap, the insurance fund) can pay the loss
    /// at the backstop's price; otherwise deleveraged at the bankruptcy price.
    /// </summary>
    private void LiquidateWhole(Market market, Position position, Price mark)
    {
        var price = BackstopPrice(market, position.Side, position.Quantity, mark);
        var pnl = market.Instrument.Contract.Pnl(position.Side, position.Quantity, position.EntryPrice, price, Rounding.Down);
        var collateral = State.Ledger.Balance(Valuation.CollateralAccount(position.Key, market));
        var gap = -(collateral + pnl);
        if (!gap.IsPositive || gap <= Fund(market))
        {
            CloseAgainstBackstop(market, position, position.Quantity, price, forfeitRest: position.Key.Scope.Kind == MarginScopeKind.Isolated);
            return;
        }

        Deleverage(market, position);
    }

    /// <summary>Closes <paramref name="quantity"/> at <paramref name="price"/>, the backstop taking the other side.</summary>
    private void CloseAgainstBackstop(Market market, Position position, Quantity quantity, Price price, bool forfeitRest)
    {
        var full = quantity == position.Quantity;
        var (pnl, fee, forfeited) = Settle(market, position, quantity, price, forfeitRest && full, chargeFee: true);
        Take(new PositionChanges(context), new PositionKey(AccountId.Backstop, market.Symbol, MarginScope.Cross), market, position.Side, quantity, price);
        context.Emit(new PositionLiquidated(position.Key.Account, market.Symbol, position.Key.Scope, position.Side, quantity, price, !full, pnl, fee, forfeited));
    }

    /// <summary>
    /// Closes the whole bankrupt position at its bankruptcy price against opposite positions, best ranked first, each
    /// re-validated (it must be able to absorb its own PnL at that price); the backstop takes what none can.
    /// </summary>
    private void Deleverage(Market market, Position position)
    {
        var collateral = context.Valuation.EffectiveCollateral(position);
        var bankruptcy = market.Model.BankruptcyPrice(Valuation.AsIsolated(position, market, collateral), market.Instrument.TickSize)
            ?? Valuation.MarkFor(market, position);
        var (pnl, fee, forfeited) = Settle(market, position, position.Quantity, bankruptcy, forfeitRest: position.Key.Scope.Kind == MarginScopeKind.Isolated, chargeFee: false);
        context.Emit(new PositionLiquidated(position.Key.Account, market.Symbol, position.Key.Scope, position.Side, position.Quantity, bankruptcy, false, pnl, fee, forfeited));

        var left = position.Quantity;
        var changes = new PositionChanges(context);
        foreach (var candidate in RankedCounterparties(market, position))
        {
            var take = Quantity.Min(left, candidate.Quantity);
            var candidatePnl = market.Instrument.Contract.Pnl(candidate.Side, take, candidate.EntryPrice, bankruptcy, Rounding.Down);
            var candidateCollateral = Valuation.CollateralAccount(candidate.Key, market);
            if ((State.Ledger.Balance(candidateCollateral) + candidatePnl).IsNegative && !candidateCollateral.MayGoNegative)
            {
                continue;
            }

            Take(changes, candidate.Key, market, position.Side, take, bankruptcy);
            if (candidate.Key.Scope.Kind == MarginScopeKind.Isolated)
            {
                _deleveraged.Add(candidate.Key);
            }

            context.Emit(new AutoDeleveraged(candidate.Key.Account, market.Symbol, candidate.Key.Scope, candidate.Side, take, bankruptcy, position.Key.Account));
            left -= take;
            if (!left.IsPositive)
            {
                return;
            }
        }

        Take(changes, new PositionKey(AccountId.Backstop, market.Symbol, MarginScope.Cross), market, position.Side, left, bankruptcy);
        context.Emit(new BackstopAbsorbed(market.Symbol, left, bankruptcy));
    }

    /// <summary>
    /// A counterparty (the backstop, or a deleveraged position) takes the liquidated side. Each was checked first (the
    /// backstop may go negative; a candidate must absorb its PnL), so a refusal here is a defect: it stops the command,
    /// which reports the refusal recorded on the context.
    /// </summary>
    private static void Take(PositionChanges changes, PositionKey counterparty, Market market, PositionSide side, Quantity quantity, Price price)
    {
        if (!changes.Apply(counterparty, market, side, quantity, price, null, null, out _, checkLimits: false))
        {
            throw new InvalidOperationException($"{counterparty} could not take {quantity} at {price} in a liquidation.");
        }
    }

    /// <summary>Opposite positions ranked by <see cref="AdlScore"/> (highest first), the backstop last.</summary>
    private List<Position> RankedCounterparties(Market market, Position bankrupt) =>
        State.PositionsIn(market.Symbol)
            .Where(p => p.Side != bankrupt.Side && p.Key.Account != AccountId.Backstop && p.Key.Account != bankrupt.Key.Account)
            .Select(p => (Position: p, Score: context.Valuation.AdlScore(p)))
            .OrderByDescending(p => p.Score)
            .ThenBy(p => p.Position.Key)
            .Select(p => p.Position)
            .ToList();

    /// <summary>
    /// Realizes the PnL of closing <paramref name="quantity"/> at <paramref name="price"/>: from the collateral, then from
    /// the insurance fund (the bankruptcy gap), then from the backstop (outside capital); then the liquidation fee and,
    /// for an isolated position closed whole, the rest of its collateral go to the insurance fund.
    /// </summary>
    private (Money Pnl, Money Fee, Money Forfeited) Settle(Market market, Position position, Quantity quantity, Price price, bool forfeitRest, bool chargeFee)
    {
        var ledger = State.Ledger;
        var collateral = Valuation.CollateralAccount(position.Key, market);
        var clearing = LedgerAccount.Clearing(market.Symbol, market.SettleAsset);
        var fund = LedgerAccount.InsuranceFund(market.Symbol, market.SettleAsset);
        var pnl = market.Instrument.Contract.Pnl(position.Side, quantity, position.EntryPrice, price, Rounding.Down);
        if (pnl.IsNegative)
        {
            var fromCollateral = Money.Min(-pnl, Money.Max(Money.Zero, ledger.Balance(collateral)));
            ledger.Transfer(collateral, clearing, fromCollateral);
            var gap = -pnl - fromCollateral;
            if (gap.IsPositive)
            {
                var fromFund = Money.Min(gap, ledger.Balance(fund));
                ledger.Transfer(fund, clearing, fromFund);
                ledger.Transfer(LedgerAccount.Backstop(market.SettleAsset), clearing, gap - fromFund);
                context.Emit(new BankruptcyGapCovered(position.Key.Account, market.Symbol, gap));
                if (fromFund.IsPositive)
                {
                    // Where the fund was empty the backstop paid it all: the fund did not change.
                    ChangedFund(market, -fromFund, "bankruptcy gap");
                }
            }
        }
        else
        {
            ledger.Transfer(clearing, collateral, pnl);
        }

        var left = Money.Max(Money.Zero, ledger.Balance(collateral));
        var fee = chargeFee
            ? Money.Min(market.Instrument.Contract.Notional(quantity, price, Rounding.Up).MultiplyBy(market.Instrument.LiquidationFee, Rounding.Up), left)
            : Money.Zero;
        ledger.Transfer(collateral, fund, fee);
        var forfeited = forfeitRest ? left - fee : Money.Zero;
        ledger.Transfer(collateral, fund, forfeited);
        if ((fee + forfeited).IsPositive)
        {
            ChangedFund(market, fee + forfeited, "liquidation fee and remaining collateral");
        }

        if (quantity == position.Quantity)
        {
            State.RemovePosition(position.Key);
        }
        else
        {
            State.PutPosition(position with { Quantity = position.Quantity - quantity });
        }

        return (pnl, fee, forfeited);
    }

    private Money Fund(Market market) => State.Ledger.Balance(LedgerAccount.InsuranceFund(market.Symbol, market.SettleAsset));

    private void ChangedFund(Market market, Money change, string reason)
    {
        var balance = Fund(market);
        State.RecordFundChange(market.Symbol, new InsuranceFundEntry(change, balance, reason));
        context.Emit(new InsuranceFundChanged(market.Symbol, market.SettleAsset, change, balance, reason));
    }

    /// <summary>
    /// The backstop's price for taking <paramref name="quantity"/>: the mark moved against the liquidated side by the
    /// liquidity model's impact, on the tick (a long sells lower, a short buys higher).
    /// </summary>
    private static Price BackstopPrice(Market market, PositionSide side, Quantity quantity, Price mark)
    {
        var impact = market.Liquidity.ImpactOf(market.Instrument.Contract.Notional(quantity, mark, Rounding.Up));
        var factor = side == PositionSide.Long ? Rate.One - impact : Rate.One + impact;
        var rounding = side == PositionSide.Long ? Rounding.Down : Rounding.Up;
        var units = FixedPoint.ToUnits(FixedPoint.MulDiv(mark.Units, factor.Units, FixedPoint.Scale, rounding));
        var price = Price.FromUnits(units).RoundTo(market.Instrument.TickSize, rounding);
        return price.IsPositive ? price : market.Instrument.TickSize;
    }

    /// <summary>The largest whole-lot quantity whose notional at <paramref name="price"/> stays within <paramref name="notional"/>.</summary>
    private static Quantity QuantityForNotional(Market market, Money notional, Price price)
    {
        var contract = market.Instrument.Contract;
        var units = contract.Type == Instruments.ContractType.Linear
            ? FixedPoint.MulDiv(notional.Units, (Int128)FixedPoint.Scale * FixedPoint.Scale, (Int128)contract.Size.Units * price.Units, Rounding.Down)
            : FixedPoint.MulDiv(notional.Units, price.Units, contract.Size.Units, Rounding.Down);
        var lot = market.Instrument.LotSize.Units;
        return Quantity.FromUnits(FixedPoint.ToUnits(units / lot * lot));
    }
}
