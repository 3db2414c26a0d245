using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// Binance's funding rate (reference §1.6, old FAQ; Bybit uses the same form): premium
/// <c>P = [max(0, impact bid − mark) − max(0, mark − impact ask)] ÷ index</c> averaged over the interval, then
/// <c>F = P + clamp(I − P, −ClampBand, +ClampBand)</c>, capped to ±<see cref="Cap"/>; paid every <c>Interval</c> on
/// the notional at the mark price. Within the dead band (<c>|I − P| ≤ ClampBand</c>) F = I exactly (vector 8).
/// </summary>
/// <remarks>Premiums are rounded as <see cref="FundingRule"/> says; the clamp and the cap are exact.</remarks>
/// <param name="Interest">The interest rate per interval, I (0.01% per 8 h). Not negative.</param>
/// <param name="ClampBand">The half-width of the clamp of <c>I − P</c> (0.05%). Not negative.</param>
/// <param name="Cap">The cap and floor of F, ±Cap (0.75% default; 0.3% on BTCUSDT per the reference's 2026 note). Not negative.</param>
/// <param name="Interval">The funding interval (8 h; some symbols 4 h or 1 h). Positive.</param>
public sealed record BinanceFundingRule(Rate Interest, Rate ClampBand, Rate Cap, TimeSpan Interval)
    : FundingRule(Interval, FundingPriceBasis.Mark)
{
    /// <summary>I = 0.01% per 8 h, clamp ±0.05%, cap ±0.75%, 8-hour interval: the rule of the Binance, Bybit, OKX and Ringfence profiles.</summary>
    public static BinanceFundingRule Default { get; } = new(Rate.Parse("0.0001"), Rate.Parse("0.0005"), Rate.Parse("0.0075"), TimeSpan.FromHours(8));

    /// <inheritdoc/>
    public override string Formula => $"F = P + clamp({Interest} − P, ±{ClampBand}), capped at ±{Cap}, P = [max(0, impact bid − mark) − max(0, mark − impact ask)] / index";

    /// <inheritdoc/>
    public override Rate Premium(FundingSample sample) => ImpactPremium(sample.ImpactBid, sample.ImpactAsk, sample.Mark, sample.Index);

    /// <inheritdoc/>
    public override FundingRateResult FromPremium(Rate averagePremium)
    {
        var band = RequireNotNegative(ClampBand, nameof(ClampBand));
        var cap = RequireNotNegative(Cap, nameof(Cap));
        var uncapped = averagePremium + Clamp(RequireNotNegative(Interest, nameof(Interest)) - averagePremium, -band, band);
        return new(averagePremium, uncapped, Clamp(uncapped, -cap, cap));
    }
}
