using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Handlers;

/// <summary>
/// Settles one funding payment: payers pay notional at mark × |rate| (rounded up) from the collateral behind each
/// position — never more than that collateral, so an isolated position cannot lose more than it holds — into a
/// transit account; receivers get their notional × |rate| (rounded down), pro rata if payers fell short; the rounding
/// residue goes to the instrument's insurance fund.
/// </summary>
internal static class FundingHandler
{
    public static void Execute(CommandContext context, ApplyFundingRate command)
    {
        var market = context.Market(command.Symbol);
        var mark = market.Mark ?? throw CommandContext.Reject(RejectionCodes.NoMarkPrice, $"'{command.Symbol}' has no mark price to settle funding at");
        CommandContext.Require(command.Rate > -Rate.One && command.Rate < Rate.One, RejectionCodes.InvalidValue, $"a funding rate must be in (-1, 1), not {command.Rate}");
        context.State.PutMarket(market with { LastFundingRate = command.Rate });
        if (command.Rate == Rate.Zero)
        {
            return;
        }

        var payingSide = command.Rate.IsPositive ? PositionSide.Long : PositionSide.Short;
        var magnitude = command.Rate.Abs();
        var pool = LedgerAccount.FundingPool(market.Symbol, market.SettleAsset);
        var positions = context.State.PositionsIn(command.Symbol);
        var ledger = context.State.Ledger;

        var owed = Money.Zero;
        var paid = Money.Zero;
        var entitled = Money.Zero;
        var amounts = new Dictionary<PositionKey, Money>();
        foreach (var position in positions)
        {
            var notional = IsolatedMarginModel.Notional(Valuation.AsIsolated(position, market, Money.Zero), mark);
            if (position.Side == payingSide)
            {
                var due = notional.MultiplyBy(magnitude, Rounding.Up);
                var collateral = Valuation.CollateralAccount(position.Key, market);
                var payment = Money.Min(due, Money.Max(Money.Zero, ledger.Balance(collateral)));
                ledger.Transfer(collateral, pool, payment);
                owed += due;
                paid += payment;
                amounts[position.Key] = payment;
            }
            else
            {
                var due = notional.MultiplyBy(magnitude, Rounding.Down);
                entitled += due;
                amounts[position.Key] = due;
            }
        }

        foreach (var position in positions)
        {
            var amount = amounts[position.Key];
            if (position.Side != payingSide)
            {
                amount = paid >= entitled || entitled == Money.Zero
                    ? amount
                    : Money.FromUnits(FixedPoint.ToUnits(FixedPoint.MulDiv(amount.Units, paid.Units, entitled.Units, Rounding.Down)));
                ledger.Transfer(pool, Valuation.CollateralAccount(position.Key, market), amount);
                amount = -amount;
            }

            context.Emit(new FundingPaid(position.Key.Account, position.Key.Symbol, position.Key.Scope, command.Rate, amount));
        }

        ledger.Transfer(pool, LedgerAccount.InsuranceFund(market.Symbol, market.SettleAsset), ledger.Balance(pool));
        if (paid < owed)
        {
            context.Emit(new FundingShortfall(command.Symbol, owed, paid));
        }
    }
}
