using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// Deribit's funding (reference §8), for completeness (Deribit has no isolated-margin profile): premium
/// <c>= (mark − index) ÷ index</c>; rate <c>= min(MaxCap, max(MinCap, max(DeadBand, P) + min(−DeadBand, P)))</c> per 8
/// hours, zero while |P| ≤ DeadBand (0.025%); accrued continuously: a payment over a period is
/// <c>rate × notional × period ÷ 8 h</c> (<see cref="FundingRule.Payment(Instruments.ContractSpec, Margin.PositionSide, Quantity, Price, Rate, TimeSpan)"/>),
/// valued at the index.
/// </summary>
/// <remarks>Exact after the premium. The caps are Deribit's per-instrument settings (not in the reference).</remarks>
/// <param name="MinCap">The floor of the rate per 8 h (negative or zero).</param>
/// <param name="MaxCap">The cap of the rate per 8 h (positive or zero). At least <paramref name="MinCap"/>.</param>
/// <param name="DeadBand">The premium band inside which the rate is zero (0.025%). Not negative.</param>
public sealed record DeribitFundingRule(Rate MinCap, Rate MaxCap, Rate DeadBand)
    : FundingRule(TimeSpan.FromHours(8), FundingPriceBasis.Index)
{
    /// <summary>The published dead band, 0.025%.</summary>
    public static Rate PublishedDeadBand { get; } = Rate.Parse("0.00025");

    /// <inheritdoc/>
    public override string Formula => $"rate = min({MaxCap}, max({MinCap}, max({DeadBand}, P) + min(−{DeadBand}, P))) per 8 h, P = (mark − index) / index";

    /// <inheritdoc/>
    public override Rate Premium(FundingSample sample) => Ratio(sample.Mark - sample.Index, sample.Index);

    /// <inheritdoc/>
    public override FundingRateResult FromPremium(Rate averagePremium)
    {
        var band = RequireNotNegative(DeadBand, nameof(DeadBand));
        if (MinCap > MaxCap)
        {
            throw new InvalidOperationException($"Deribit's funding floor {MinCap} must not exceed its cap {MaxCap}.");
        }

        var uncapped = Rate.Max(band, averagePremium) + Rate.Min(-band, averagePremium);
        return new(averagePremium, uncapped, Rate.Min(MaxCap, Rate.Max(MinCap, uncapped)));
    }
}
