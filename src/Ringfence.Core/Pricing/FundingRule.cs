using System.Numerics;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// How a venue computes its funding rate and payment: a small strategy of the venue profile, data (interest, clamp,
/// cap, interval) and behaviour (the premium and the rate formula).
/// </summary>
/// <remarks>
/// <para>Rounding: each sample's premium is its exact ratio rounded down (toward negative infinity) to 10⁻⁸; the average
/// premium is the exact mean of those, rounded down; clamps and caps are exact. Rules that divide a rate (Hyperliquid,
/// dYdX) say how.</para>
/// <para>Payment: <c>notional at the payment price × rate × period ÷ interval</c>, rounded once; the side that pays
/// (longs for a positive rate) pays the amount rounded up, the side that receives gets it rounded down.</para>
/// </remarks>
/// <param name="Interval">How often funding is paid; the rate is per this interval. Positive.</param>
/// <param name="PaymentPrice">Which price positions are valued at for the payment.</param>
public abstract record FundingRule(TimeSpan Interval, FundingPriceBasis PaymentPrice)
{
    /// <summary>The formula in words, for explanations.</summary>
    public abstract string Formula { get; }

    /// <summary>The premium of one sample, as the venue defines it, rounded down to 10⁻⁸.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The sample's index is not positive.</exception>
    public abstract Rate Premium(FundingSample sample);

    /// <summary>The rate per interval for an average premium: the venue's formula, clamp and cap.</summary>
    /// <exception cref="InvalidOperationException">A parameter of the rule is out of range.</exception>
    public abstract FundingRateResult FromPremium(Rate averagePremium);

    /// <summary>The rate per interval for the samples of one interval: <see cref="FromPremium"/> of <see cref="AveragePremium"/>.</summary>
    /// <exception cref="ArgumentException">There are no samples.</exception>
    public FundingRateResult Compute(IReadOnlyList<FundingSample> samples) => FromPremium(AveragePremium(samples));

    /// <summary>The mean of the samples' premiums, rounded down to 10⁻⁸.</summary>
    /// <exception cref="ArgumentException">There are no samples.</exception>
    public Rate AveragePremium(IReadOnlyList<FundingSample> samples)
    {
        ArgumentNullException.ThrowIfNull(samples);
        if (samples.Count == 0)
        {
            throw new ArgumentException("A funding rate needs at least one premium sample.", nameof(samples));
        }

        Int128 sum = 0;
        foreach (var sample in samples)
        {
            sum += Premium(sample).Units;
        }

        return Rate.FromUnits(FixedPoint.ToUnits(FixedPoint.Divide(sum, samples.Count, Rounding.Down)));
    }

    /// <summary>The price a payment is valued at under this rule: the mark or the index.</summary>
    public Price PriceForPayment(Price mark, Price index) => PaymentPrice == FundingPriceBasis.Mark ? mark : index;

    /// <summary>The payment for one full interval; see <see cref="Payment(ContractSpec, PositionSide, Quantity, Price, Rate, TimeSpan)"/>.</summary>
    public Money Payment(ContractSpec contract, PositionSide side, Quantity quantity, Price price, Rate rate) =>
        Payment(contract, side, quantity, price, rate, Interval);

    /// <summary>
    /// What a position pays for funding at <paramref name="rate"/> (per <see cref="Interval"/>) over
    /// <paramref name="period"/>: <c>notional at price × |rate| × period ÷ interval</c>, positive when the position pays
    /// (a long at a positive rate, a short at a negative one), negative when it receives. Rounded once: up for the payer,
    /// down for the receiver. Linear notional <c>q × size × price</c>; inverse <c>q × size ÷ price</c>.
    /// </summary>
    /// <param name="contract">How size and price become value.</param>
    /// <param name="side">Long or short.</param>
    /// <param name="quantity">Absolute size. Not negative.</param>
    /// <param name="price">The payment price (<see cref="PriceForPayment"/>). Positive.</param>
    /// <param name="rate">The rate per interval.</param>
    /// <param name="period">How long the rate applied; one interval for venues that pay at intervals. Not negative.</param>
    /// <exception cref="ArgumentOutOfRangeException">An argument is out of range.</exception>
    /// <exception cref="InvalidOperationException">The rule's interval is not positive.</exception>
    public Money Payment(ContractSpec contract, PositionSide side, Quantity quantity, Price price, Rate rate, TimeSpan period)
    {
        if (Interval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"The funding interval must be positive, not {Interval}.");
        }

        if (quantity.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(quantity), quantity, "A position size is not negative.");
        }

        if (!price.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(price), price, "A payment price must be positive.");
        }

        if (period < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(period), period, "A funding period must not be negative.");
        }

        var pays = rate.IsPositive == (side == PositionSide.Long);
        var rounding = pays ? Rounding.Up : Rounding.Down;
        if (PaymentIn128(contract, quantity, price, rate, period, rounding) is { } fast)
        {
            return Money.FromUnits(pays ? FixedPoint.ToUnits(fast) : -FixedPoint.ToUnits(fast));
        }

        var sized = (BigInteger)quantity.Units * contract.Size.Units * rate.Abs().Units * period.Ticks;
        var scale = (BigInteger)FixedPoint.Scale;
        var amount = contract.Type == ContractType.Linear
            ? FixedPoint.Divide(sized * price.Units, scale * scale * scale * Interval.Ticks, rounding)
            : FixedPoint.Divide(sized, (BigInteger)price.Units * scale * Interval.Ticks, rounding);
        var units = FixedPoint.ToUnits(amount);
        return Money.FromUnits(pays ? units : -units);
    }

    /// <summary>
    /// The magnitude of <see cref="Payment(ContractSpec, PositionSide, Quantity, Price, Rate, TimeSpan)"/> in 128 bits,
    /// or null when an intermediate might not fit. The period and interval are reduced by their common divisor first
    /// (a whole interval is 1 ÷ 1), which keeps a realistic payment's product within 128 bits; the quotient is the same.
    /// </summary>
    private Int128? PaymentIn128(ContractSpec contract, Quantity quantity, Price price, Rate rate, TimeSpan period, Rounding rounding)
    {
        var divisor = CommonDivisor(period.Ticks, Interval.Ticks);
        Int128 periods = period.Ticks / divisor, intervals = Interval.Ticks / divisor, scale = FixedPoint.Scale;
        if (!FixedPoint.TryProduct((Int128)quantity.Units * contract.Size.Units, rate.Abs().Units, out var sized)
            || !FixedPoint.TryProduct(sized, periods, out sized))
        {
            return null;
        }

        if (contract.Type == ContractType.Linear)
        {
            return FixedPoint.TryProduct(sized, price.Units, out var numerator) && FixedPoint.TryProduct(scale * scale * scale, intervals, out var denominator)
                ? FixedPoint.Divide(numerator, denominator, rounding)
                : null;
        }

        return FixedPoint.TryProduct((Int128)price.Units * scale, intervals, out var inverseDenominator)
            ? FixedPoint.Divide(sized, inverseDenominator, rounding)
            : null;
    }

    private static long CommonDivisor(long a, long b)
    {
        while (b != 0)
        {
            (a, b) = (b, a % b);
        }

        return long.Max(1, a);
    }

    /// <summary>
    /// <c>[max(0, bid − reference) − max(0, reference − ask)] ÷ index</c>, rounded down: the impact premium of Binance and
    /// Bybit (reference = mark) and of Hyperliquid and dYdX (reference = index, the oracle).
    /// </summary>
    protected static Rate ImpactPremium(Price impactBid, Price impactAsk, Price reference, Price index)
    {
        var above = Price.Max(Price.Zero, impactBid - reference);
        var below = Price.Max(Price.Zero, reference - impactAsk);
        return Ratio(above - below, index);
    }

    /// <summary><c>difference ÷ index</c> as a rate, rounded down to 10⁻⁸.</summary>
    protected static Rate Ratio(Price difference, Price index) =>
        Rate.FromUnits(FixedPoint.ToUnits(FixedPoint.MulDiv(
            difference.Units,
            FixedPoint.Scale,
            MarkPriceRule.RequirePositive(index, nameof(index)).Units,
            Rounding.Down)));

    /// <summary><paramref name="value"/> limited to [<paramref name="low"/>, <paramref name="high"/>].</summary>
    protected static Rate Clamp(Rate value, Rate low, Rate high) => Rate.Min(Rate.Max(value, low), high);

    /// <summary>Throws <see cref="InvalidOperationException"/> (a parameter of the rule named <paramref name="name"/> is out of range) when <paramref name="value"/> is negative.</summary>
    protected static Rate RequireNotNegative(Rate value, string name) =>
        value.IsNegative ? throw new InvalidOperationException($"The funding rule's {name} must not be negative, not {value}.") : value;
}
