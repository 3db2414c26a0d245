using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Handlers;

/// <summary>
/// Executes matched trades: both sides change by the same quantity at the same price, fees are charged, and every side
/// whose exposure grew must still meet its initial requirement — or the whole trade is rejected.
/// </summary>
internal static class TradeHandler
{
    public static void Execute(CommandContext context, Trade trade)
    {
        if (!context.TryMarket(trade.Symbol, out var market))
        {
            return;
        }

        var instrument = market.Instrument;
        if (!context.Require(trade.Price.IsPositive && trade.Quantity.IsPositive, RejectionCodes.InvalidValue,
                $"a trade needs a positive price and quantity, not {trade.Quantity} at {trade.Price}")
            || !context.Require(instrument.IsOnTick(trade.Price) && instrument.IsWholeLots(trade.Quantity), RejectionCodes.OffIncrement,
                $"{trade.Quantity} at {trade.Price} is off the lot size {instrument.LotSize} or tick size {instrument.TickSize}")
            || !context.RequireAccount(trade.Buyer.Account)
            || !context.RequireAccount(trade.Seller.Account)
            || !context.Require(trade.Buyer.Account != trade.Seller.Account, RejectionCodes.SelfTrade, $"'{trade.Buyer.Account}' cannot trade with itself")
            || !CheckSide(context, trade.Buyer, trade.Symbol)
            || !CheckSide(context, trade.Seller, trade.Symbol))
        {
            return;
        }

        context.Emit(new TradeExecuted(trade.Symbol, trade.Price, trade.Quantity, trade.Buyer.Account, trade.Seller.Account));
        var changes = new PositionChanges(context);
        if (!changes.Apply(Key(trade.Buyer, trade.Symbol), market, PositionSide.Long, trade.Quantity, trade.Price, trade.Buyer.Leverage, trade.Buyer.Margin, out var buyerGrew)
            || !changes.Apply(Key(trade.Seller, trade.Symbol), market, PositionSide.Short, trade.Quantity, trade.Price, trade.Seller.Leverage, trade.Seller.Margin, out var sellerGrew))
        {
            return;
        }

        if (trade.Aggressor is { } aggressor)
        {
            var notional = instrument.Contract.Notional(trade.Quantity, trade.Price, Rounding.Up);
            if (!ChargeFee(context, market, trade.Buyer, buyerGrew, notional.MultiplyBy(aggressor == TradeAggressor.Buyer ? instrument.TakerFee : instrument.MakerFee, Rounding.Up))
                || !ChargeFee(context, market, trade.Seller, sellerGrew, notional.MultiplyBy(aggressor == TradeAggressor.Seller ? instrument.TakerFee : instrument.MakerFee, Rounding.Up)))
            {
                return;
            }
        }

        if (buyerGrew && !RequireInitialMargin(context, market, Key(trade.Buyer, trade.Symbol)))
        {
            return;
        }

        if (sellerGrew)
        {
            RequireInitialMargin(context, market, Key(trade.Seller, trade.Symbol));
        }
    }

    /// <summary>What one side must pass before anything changes: its pod exists, its position is not in liquidation, its leverage is at least 1.</summary>
    private static bool CheckSide(CommandContext context, TradeSide side, string symbol)
    {
        var key = Key(side, symbol);
        return (side.Scope.Kind != MarginScopeKind.Pod || context.RequirePod(new PodKey(side.Account, side.Scope.Pod!)))
            && context.Require(!(context.State.TryGetPosition(key, out var held) && held.InLiquidation), RejectionCodes.InLiquidation,
                $"{key} is in liquidation: only its liquidation order can trade it")
            && (side.Leverage is not { } leverage
                || context.Require(leverage >= Leverage.One, RejectionCodes.LeverageBelowOne, $"leverage {leverage} must be at least 1"));
    }

    /// <summary>
    /// Rejects unless the scope a position grew in still meets its requirement: an isolated position must not be
    /// liquidatable at mark; a cross account and a pod must hold their initial margin. False when it rejects.
    /// </summary>
    public static bool RequireInitialMargin(CommandContext context, Market market, PositionKey key)
    {
        var valuation = context.Valuation;
        switch (key.Scope.Kind)
        {
            case MarginScopeKind.Isolated when context.State.TryGetPosition(key, out var position):
                var isolated = valuation.Isolated(position, market);
                var mark = Valuation.MarkFor(market, position);
                return context.Require(!market.Model.IsLiquidatable(isolated, mark), RejectionCodes.InsufficientMargin,
                    $"{key} would start at or below maintenance: equity {IsolatedMarginModel.Equity(isolated, mark)}, maintenance {market.Model.MaintenanceMargin(isolated, mark)}");
            case MarginScopeKind.Cross:
                var cross = valuation.Cross(key.Account, market.SettleAsset);
                return context.Require(cross.Equity >= cross.Initial, RejectionCodes.InsufficientMargin,
                    $"cross equity {cross.Equity} {market.SettleAsset} of '{key.Account}' is below its initial margin {cross.Initial}");
            case MarginScopeKind.Pod:
                var pod = valuation.Pod(new PodKey(key.Account, key.Scope.Pod!), market.SettleAsset);
                return context.Require(pod.Equity >= pod.Initial, RejectionCodes.InsufficientMargin,
                    $"pod '{key.Scope.Pod}' equity {pod.Equity} {market.SettleAsset} is below its initial margin {pod.Initial}");
            default:
                return true;
        }
    }

    private static PositionKey Key(TradeSide side, string symbol) => new(side.Account, symbol, side.Scope);

    /// <summary>
    /// Fees come from the free balance (isolated and cross) or the pod's collateral; a negative fee is a rebate. An
    /// isolated side that grew may pay only from what its cross positions leave available (a cross or pod side that
    /// grew is held to its initial margin afterwards); a side that reduced may pay from the whole balance, so that
    /// cutting risk is never blocked by the fee.
    /// </summary>
    private static bool ChargeFee(CommandContext context, Market market, TradeSide side, bool grew, Money fee)
    {
        if (fee == Money.Zero)
        {
            return true;
        }

        if (fee.IsPositive && grew && side.Scope.Kind == MarginScopeKind.Isolated && !context.RequireAvailable(side.Account, market.SettleAsset, fee))
        {
            return false;
        }

        var payer = side.Scope.Kind == MarginScopeKind.Pod
            ? LedgerAccount.PodMargin(side.Account, side.Scope.Pod!, market.SettleAsset)
            : LedgerAccount.Free(side.Account, market.SettleAsset);
        var pool = LedgerAccount.FeePool(market.SettleAsset);
        if (fee.IsPositive)
        {
            if (!context.Require(context.State.Ledger.Balance(payer) >= fee, RejectionCodes.InsufficientBalance,
                    $"'{side.Account}' cannot pay the fee {fee} {market.SettleAsset}"))
            {
                return false;
            }

            context.State.Ledger.Transfer(payer, pool, fee);
        }
        else
        {
            context.State.Ledger.Transfer(pool, payer, -fee);
        }

        context.Emit(new FeeCharged(side.Account, market.Symbol, side.Scope, fee));
        return true;
    }
}
