using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// Hyperliquid's funding (reference §6.4): premium <c>= [max(0, impact bid − oracle) − max(0, oracle − impact ask)] ÷ oracle</c>,
/// averaged; the 8-hour rate <c>F = P + clamp(I − P, −ClampBand, +ClampBand)</c>; paid hourly at <c>F ÷ 8</c>, capped at
/// ±<see cref="HourlyCap"/>, on the notional at the oracle (index) price, not the mark.
/// </summary>
/// <remarks>
/// The 8-hour rate is exact; its eighth is rounded down (toward negative infinity) to 10⁻⁸; the cap is exact. Impact bid
/// 10,100 over oracle 10,000 gives P = 1%, F = 0.95% exactly and 0.11875% an hour (vector 21).
/// </remarks>
/// <param name="Interest">The interest rate per 8 hours, I (0.01%). Not negative.</param>
/// <param name="ClampBand">The half-width of the clamp of <c>I − P</c> (0.05%). Not negative.</param>
/// <param name="HourlyCap">The cap of the hourly rate (4% an hour). Not negative.</param>
public sealed record HyperliquidFundingRule(Rate Interest, Rate ClampBand, Rate HourlyCap)
    : FundingRule(TimeSpan.FromHours(1), FundingPriceBasis.Index)
{
    /// <summary>I = 0.01% per 8 h, clamp ±0.05%, cap 4% an hour: the published rule.</summary>
    public static HyperliquidFundingRule Default { get; } = new(Rate.Parse("0.0001"), Rate.Parse("0.0005"), Rate.Parse("0.04"));

    /// <summary>Hours per published (8-hour) rate; the hourly rate is that rate ÷ 8.</summary>
    public const int HoursPerRate = 8;

    /// <inheritdoc/>
    public override string Formula => $"hourly = [P + clamp({Interest} − P, ±{ClampBand})] / 8, capped at ±{HourlyCap}, P = impact price difference / oracle";

    /// <inheritdoc/>
    public override Rate Premium(FundingSample sample) => ImpactPremium(sample.ImpactBid, sample.ImpactAsk, sample.Index, sample.Index);

    /// <summary>The published 8-hour rate, <c>P + clamp(I − P, −ClampBand, +ClampBand)</c>; exact.</summary>
    public Rate EightHourRate(Rate averagePremium)
    {
        var band = RequireNotNegative(ClampBand, nameof(ClampBand));
        return averagePremium + Clamp(RequireNotNegative(Interest, nameof(Interest)) - averagePremium, -band, band);
    }

    /// <inheritdoc/>
    public override FundingRateResult FromPremium(Rate averagePremium)
    {
        var cap = RequireNotNegative(HourlyCap, nameof(HourlyCap));
        var hourly = Rate.FromUnits(FixedPoint.ToUnits(FixedPoint.Divide(EightHourRate(averagePremium).Units, HoursPerRate, Rounding.Down)));
        return new(averagePremium, hourly, Clamp(hourly, -cap, cap));
    }
}
