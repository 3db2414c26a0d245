using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;

namespace Ringfence.Core.Tests.Margin;

/// <summary>
/// The margin mathematics written out again in exact fractions, independently of <see cref="IsolatedMarginModel"/>:
/// <c>equity(P) = margin + side·pnl(P)</c> and the requirement as the published formulas state it, so that the
/// model's solved prices and integer checks can be judged against the true function
/// <c>cushion(P) = equity(P) − requirement(P)</c>.
/// </summary>
/// <remarks>
/// Two amounts are taken from the model because the venues fix them as money amounts, not as functions of the mark:
/// the requirement of a profile valued at entry (set when the position opens; checked against the exact tax-bracket value
/// separately) and the reserved fee to close of a profile that reserves one (checked separately against the exact
/// bankruptcy value × taker fee).
/// </remarks>
internal static class ExactMargin
{
    /// <summary>Error of the integer check in units: equity rounds down by &lt; 1, the requirement up by &lt; 4.</summary>
    public const long IntegerCheckSlackUnits = 5;

    public static Fraction SizedQuantity(IsolatedPosition position) =>
        Fraction.Of(position.Quantity) * Fraction.Of(position.Contract.Size);

    /// <summary>Linear q·size·P, inverse q·size÷P.</summary>
    public static Fraction Notional(IsolatedPosition position, Fraction price) =>
        position.Contract.Type == ContractType.Linear ? SizedQuantity(position) * price : SizedQuantity(position) / price;

    /// <summary>Linear side·q·size·(P − EP), inverse side·q·size·(1/EP − 1/P).</summary>
    public static Fraction Pnl(IsolatedPosition position, Fraction price)
    {
        var entry = Fraction.Of(position.EntryPrice);
        var move = position.Contract.Type == ContractType.Linear ? price - entry : (One / entry) - (One / price);
        return Fraction.Whole(position.Side.Sign()) * SizedQuantity(position) * move;
    }

    public static Fraction Equity(IsolatedPosition position, Fraction price) => Fraction.Of(position.Margin) + Pnl(position, price);

    /// <summary>The tax-bracket requirement, the largest of notional × MMRᵢ − cumᵢ over all tiers, never below zero.</summary>
    public static Fraction Tiered(RiskTierTable tiers, Fraction notional) =>
        tiers.Tiers.Aggregate(Fraction.Zero, (max, tier) =>
            Fraction.Max(max, (notional * Fraction.Of(tier.MaintenanceRate)) - Fraction.Of(tier.MaintenanceAmount)));

    /// <summary>
    /// The requirement at the mark exactly: tiered + notional × taker fee where the venue charges it on the mark notional
    /// (OKX) + the reserved fee to close where the venue reserves one (Bybit UTA).
    /// </summary>
    public static Fraction RequirementAtMark(IsolatedMarginModel model, IsolatedPosition position, Fraction price)
    {
        var notional = Notional(position, price);
        var feeOnMark = model.Profile.CloseFee == CloseFee.MarkNotional ? notional * Fraction.Of(model.TakerFee) : Fraction.Zero;
        return Tiered(model.Tiers, notional) + feeOnMark + ReservedFeeToClose(model, position);
    }

    /// <summary>The requirement at <paramref name="price"/> under the profile's valuation.</summary>
    public static Fraction Requirement(IsolatedMarginModel model, IsolatedPosition position, Fraction price) =>
        model.Profile.Valuation == MaintenanceValuation.AtEntry
            ? Fraction.Of(model.MaintenanceMargin(position, position.EntryPrice))
            : RequirementAtMark(model, position, price);

    /// <summary><c>f(P) = equity(P) − requirement(P)</c>: liquidation where it is at or below zero.</summary>
    public static Fraction Cushion(IsolatedMarginModel model, IsolatedPosition position, Fraction price) =>
        Equity(position, price) - Requirement(model, position, price);

    /// <summary>The fee to close at <paramref name="price"/> (notional × taker) where the profile reserves it, else zero.</summary>
    public static Fraction FeeToClose(IsolatedMarginModel model, IsolatedPosition position, Fraction price) =>
        model.Profile.CloseFee == CloseFee.BankruptcyValue ? Notional(position, price) * Fraction.Of(model.TakerFee) : Fraction.Zero;

    /// <summary><c>g(P) = equity(P) − fee to close at P</c>: bankrupt where it is at or below zero.</summary>
    public static Fraction EquityNetOfFeeToClose(IsolatedMarginModel model, IsolatedPosition position, Fraction price) =>
        Equity(position, price) - FeeToClose(model, position, price);

    /// <summary>
    /// The exact root of g (equity = notional × taker fee) when it lies at a positive price, solved in closed form:
    /// linear P = (s·V·EP − W) ÷ (V·(s − fee)), inverse P = V·(s + fee) ÷ (W + s·V/EP), V the sized quantity.
    /// </summary>
    public static Fraction? BankruptcyRoot(IsolatedMarginModel model, IsolatedPosition position)
    {
        var side = Fraction.Whole(position.Side.Sign());
        var fee = model.Profile.CloseFee == CloseFee.BankruptcyValue ? Fraction.Of(model.TakerFee) : Fraction.Zero;
        var sized = SizedQuantity(position);
        var margin = Fraction.Of(position.Margin);
        var entry = Fraction.Of(position.EntryPrice);
        var (numerator, denominator) = position.Contract.Type == ContractType.Linear
            ? ((side * sized * entry) - margin, sized * (side - fee))
            : (sized * (side + fee), margin + (side * sized / entry));
        return denominator.Sign == 0 || numerator.Sign * denominator.Sign <= 0 ? null : numerator / denominator;
    }

    private static Fraction ReservedFeeToClose(IsolatedMarginModel model, IsolatedPosition position) =>
        model.Profile.CloseFee == CloseFee.BankruptcyValue ? Fraction.Of(model.CloseFeeReserve(position)) : Fraction.Zero;

    private static Fraction One => Fraction.Whole(1);
}
