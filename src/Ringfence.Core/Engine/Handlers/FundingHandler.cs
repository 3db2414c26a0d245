using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Handlers;

/// <summary>
/// Settles one funding payment: payers pay notional (at the mark, or the index where the rule says so) × |rate|
/// (rounded up) from the collateral behind each position (Bybit: from the available balance first) — never more than that collateral, so an isolated position cannot lose more than it holds (the backstop, outside capital, pays in full) — into a
/// transit account; receivers get their notional × |rate| (rounded down), pro rata if payers fell short; the rounding
/// residue goes to the instrument's insurance fund.
/// </summary>
internal static class FundingHandler
{
    public static void Execute(CommandContext context, ApplyFundingRate command)
    {
        if (!context.TryMarket(command.Symbol, out var market)
            || !RequireMark(context, market, "settle funding at", out var mark)
            || !context.Require(command.Rate > -Rate.One && command.Rate < Rate.One, RejectionCodes.InvalidValue, $"a funding rate must be in (-1, 1), not {command.Rate}"))
        {
            return;
        }

        Pay(context, market, command.Rate, mark);
    }

    public static void Execute(CommandContext context, RecordFundingSample command)
    {
        if (!context.TryMarket(command.Symbol, out var market)
            || !RequireMark(context, market, "sample against", out var mark)
            || !context.Require(command.ImpactBid.IsPositive && command.ImpactAsk >= command.ImpactBid, RejectionCodes.InvalidValue,
                $"impact prices must be positive with the ask at or above the bid, not {command.ImpactBid} / {command.ImpactAsk}"))
        {
            return;
        }

        var sample = new Pricing.FundingSample(market.Index ?? mark, mark, command.ImpactBid, command.ImpactAsk);
        context.State.PutMarket(market with { FundingSamples = [.. market.FundingSamples, sample] });
        context.Emit(new FundingSampled(command.Symbol, market.Profile.FundingRule.Premium(sample), market.FundingSamples.Count + 1));
    }

    public static void Execute(CommandContext context, SettleFunding command)
    {
        if (!context.TryMarket(command.Symbol, out var market)
            || !RequireMark(context, market, "settle funding at", out var mark)
            || !context.Require(market.FundingSamples.Count > 0, RejectionCodes.NotApplicable, $"'{command.Symbol}' has no premium samples since the last settlement"))
        {
            return;
        }

        var rule = market.Profile.FundingRule;
        var rate = rule.Compute(market.FundingSamples);
        var settled = market with { FundingSamples = [] };
        context.State.PutMarket(settled);
        context.Emit(new FundingRateSettled(command.Symbol, rate.AveragePremium, rate.Rate, rate.Capped));
        Pay(context, settled, rate.Rate, rule.PriceForPayment(mark, market.Index ?? mark));
    }

    /// <summary>The instrument's mark price, or a rejection that says what it was needed for.</summary>
    private static bool RequireMark(CommandContext context, Market market, string purpose, out Price mark)
    {
        mark = market.Mark.GetValueOrDefault();
        return context.Require(market.Mark is not null, RejectionCodes.NoMarkPrice, $"'{market.Symbol}' has no mark price to {purpose}");
    }

    private static void Pay(CommandContext context, Market market, Rate rate, Price price)
    {
        context.State.PutMarket(market with { LastFundingRate = rate });
        if (rate == Rate.Zero)
        {
            return;
        }

        var payingSide = rate.IsPositive ? PositionSide.Long : PositionSide.Short;
        var magnitude = rate.Abs();
        var pool = LedgerAccount.FundingPool(market.Symbol, market.SettleAsset);
        var positions = context.State.PositionsIn(market.Symbol);
        var ledger = context.State.Ledger;

        var owed = Money.Zero;
        var paid = Money.Zero;
        var entitled = Money.Zero;
        var amounts = new Dictionary<PositionKey, Money>();
        foreach (var position in positions)
        {
            var notional = IsolatedMarginModel.Notional(Valuation.AsIsolated(position, market, Money.Zero), price);
            if (position.Side == payingSide)
            {
                var due = notional.MultiplyBy(magnitude, Rounding.Up);
                var collateral = Valuation.CollateralAccount(position.Key, market);
                var fromFree = Money.Zero;
                if (market.Profile.FundingFromFreeBalanceFirst && position.Key.Scope.Kind == MarginScopeKind.Isolated)
                {
                    // Bybit: funding comes out of the available balance first, the position's margin only for the rest.
                    fromFree = Money.Min(due, context.Valuation.Available(position.Key.Account, market.SettleAsset));
                    ledger.Transfer(LedgerAccount.Free(position.Key.Account, market.SettleAsset), pool, fromFree);
                }

                // The backstop's account may go negative (outside capital): it pays in full; collateral pays what it holds.
                var payable = collateral.MayGoNegative ? due - fromFree : Money.Max(Money.Zero, ledger.Balance(collateral));
                var payment = fromFree + Money.Min(due - fromFree, payable);
                ledger.Transfer(collateral, pool, payment - fromFree);
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

            context.Emit(new FundingPaid(position.Key.Account, position.Key.Symbol, position.Key.Scope, rate, amount));
        }

        // The rounding residue is an insurance fund change like any other: recorded in the fund's history and reported.
        var fund = LedgerAccount.InsuranceFund(market.Symbol, market.SettleAsset);
        var residue = ledger.Balance(pool);
        ledger.Transfer(pool, fund, residue);
        if (residue.IsPositive)
        {
            var balance = ledger.Balance(fund);
            context.State.RecordFundChange(market.Symbol, new InsuranceFundEntry(residue, balance, "funding rounding residue"));
            context.Emit(new InsuranceFundChanged(market.Symbol, market.SettleAsset, residue, balance, "funding rounding residue"));
        }

        if (paid < owed)
        {
            context.Emit(new FundingShortfall(market.Symbol, owed, paid));
        }
    }
}
