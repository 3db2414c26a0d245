using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Handlers;

/// <summary>
/// Liquidation executed by an external matching engine: the engine sends a liquidation order (limit: the bankruptcy
/// price) and takes <see cref="LiquidationFill"/>s back; the fee, the insurance fund and the gap work as with the
/// backstop. A position leaves liquidation only with a buffer — back at its initial margin — so it does not flap on
/// every tick; one that went bankrupt with a fund too small for its gap is deleveraged.
/// </summary>
internal sealed partial class Liquidator
{
    public void Fill(LiquidationFill fill)
    {
        var key = new PositionKey(fill.Account, fill.Symbol, fill.Scope);
        if (!context.TryMarket(fill.Symbol, out var market)
            || !context.TryPosition(key, out var position)
            || !context.Require(position.InLiquidation, RejectionCodes.NotApplicable, $"{key} has no outstanding liquidation order")
            || !context.Require(fill.Price.IsPositive && fill.Quantity.IsPositive && fill.Quantity <= position.Quantity, RejectionCodes.InvalidValue,
                $"a fill needs a positive price and a quantity up to the position's {position.Quantity}, not {fill.Quantity} at {fill.Price}")
            || !context.Require(market.Instrument.IsOnTick(fill.Price) && market.Instrument.IsWholeLots(fill.Quantity), RejectionCodes.OffIncrement,
                $"{fill.Quantity} at {fill.Price} is off the lot size or tick size")
            || !context.RequireAccount(fill.Counterparty.Account)
            || !context.Require(fill.Counterparty.Account != fill.Account, RejectionCodes.SelfTrade, $"'{fill.Account}' cannot take its own liquidation"))
        {
            return;
        }

        var pnl = market.Instrument.Contract.Pnl(position.Side, fill.Quantity, position.EntryPrice, fill.Price, Rounding.Down);
        var gap = -(State.Ledger.Balance(Valuation.CollateralAccount(key, market)) + pnl);
        if (!context.Require(!gap.IsPositive || gap <= Fund(market), RejectionCodes.InsufficientInsurance,
                $"a fill at {fill.Price} leaves a gap of {gap} that the insurance fund ({Fund(market)}) cannot cover; fill at the bankruptcy price or better"))
        {
            return;
        }

        var full = fill.Quantity == position.Quantity;
        var (realized, fee, forfeited) = Settle(market, position, fill.Quantity, fill.Price, forfeitRest: full && key.Scope.Kind == MarginScopeKind.Isolated, chargeFee: true);
        var counterpartyKey = new PositionKey(fill.Counterparty.Account, fill.Symbol, fill.Counterparty.Scope);
        if (!new PositionChanges(context).Apply(counterpartyKey, market, position.Side, fill.Quantity, fill.Price, fill.Counterparty.Leverage, fill.Counterparty.Margin, out var grew)
            || (grew && !TradeHandler.RequireInitialMargin(context, market, counterpartyKey)))
        {
            return;
        }

        context.Emit(new PositionLiquidated(fill.Account, fill.Symbol, fill.Scope, position.Side, fill.Quantity, fill.Price, !full, realized, fee, forfeited));
        if (!full && State.TryGetPosition(key, out var rest) && Recovered(market, rest))
        {
            State.PutPosition(rest with { InLiquidation = false });
            context.Emit(new LiquidationCancelled(fill.Account, fill.Symbol, fill.Scope));
        }
    }

    private void IssueOrder(Market market, Position position, Price mark)
    {
        var collateral = context.Valuation.EffectiveCollateral(position);
        var isolated = Valuation.AsIsolated(position, market, collateral);
        context.Emit(new LiquidationStarted(position.Key.Account, position.Key.Symbol, position.Key.Scope, position.Side, position.Quantity, mark,
            IsolatedMarginModel.Equity(isolated, mark), market.Model.MaintenanceMargin(isolated, mark)));
        State.PutPosition(position with { InLiquidation = true });
        context.Emit(new LiquidationOrderIssued(position.Key.Account, position.Key.Symbol, position.Key.Scope, position.Side.Opposite(), position.Quantity,
            market.Model.BankruptcyPrice(isolated, market.Instrument.TickSize)));
    }

    /// <summary>Withdraws orders of positions back at initial margin; deleverages those bankrupt beyond the fund.</summary>
    private void ReviewOutstandingOrders(Market market, Price mark)
    {
        foreach (var listed in State.PositionsIn(market.Symbol).Where(p => p.InLiquidation))
        {
            // The list is a copy taken before the loop: deleveraging one position takes others as its counterparties,
            // so each is looked up again — it may be smaller, or gone.
            if (!State.TryGetPosition(listed.Key, out var position) || !position.InLiquidation)
            {
                continue;
            }

            if (Recovered(market, position))
            {
                State.PutPosition(position with { InLiquidation = false });
                context.Emit(new LiquidationCancelled(position.Key.Account, position.Key.Symbol, position.Key.Scope));
                continue;
            }

            var equity = context.Valuation.EffectiveCollateral(position)
                + IsolatedMarginModel.UnrealizedPnl(Valuation.AsIsolated(position, market, Money.Zero), mark);
            if (equity.IsNegative && -equity > Fund(market))
            {
                Deleverage(market, position);
            }
        }
    }

    private bool Recovered(Market market, Position position)
    {
        var mark = Valuation.MarkFor(market, position);
        var collateral = context.Valuation.EffectiveCollateral(position);
        var isolated = Valuation.AsIsolated(position, market, collateral);
        var initial = market.Model.InitialMargin(isolated.Contract, isolated.Side, isolated.Quantity, mark, position.Leverage);
        return IsolatedMarginModel.Equity(isolated, mark) >= initial;
    }
}
