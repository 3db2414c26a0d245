using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// Mark = index + the average of the last <see cref="Samples"/> basis samples (price − index), each clamped to
/// ±<see cref="BasisBand"/> of its own index: the form of Binance's "index + 30 s moving-average basis" and Hyperliquid's
/// "oracle + 150 s EMA(mid − oracle)" components (reference §1.6, §6.4), as a simple, deterministic average of the samples
/// given (no clock). Reads <see cref="MarkPriceInputs.Index"/> and <see cref="MarkPriceInputs.BasisSamples"/>.
/// </summary>
/// <remarks>
/// Each clamp bound is <c>sample index × BasisBand</c> rounded down (inward); the clamped bases are summed exactly and
/// their mean rounded once, down (toward negative infinity), to 10⁻⁸. Fewer samples than <see cref="Samples"/> are
/// averaged as they are; with none the basis is zero and the mark is the index.
/// </remarks>
/// <param name="Samples">How many of the latest samples are averaged. At least 1.</param>
/// <param name="BasisBand">The clamp of each sample's basis, as a share of its index; null for none. Not negative.</param>
/// <param name="Band">The final clamp around the index (see <see cref="MarkPriceRule"/>); null for none.</param>
public sealed record MovingAverageBasisMarkPrice(int Samples, Rate? BasisBand = null, Rate? Band = null) : MarkPriceRule(Band)
{
    /// <inheritdoc/>
    public override string Formula =>
        $"index + average of the last {Samples} (price − index) samples" + (BasisBand is { } band ? $", each clamped to ±{band} × index" : string.Empty);

    /// <inheritdoc/>
    public override Price Unclamped(MarkPriceInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (Samples < 1)
        {
            throw new InvalidOperationException($"A moving average needs at least one sample, not {Samples}.");
        }

        if (BasisBand is { IsNegative: true } negative)
        {
            throw new InvalidOperationException($"A basis band must not be negative, not {negative}.");
        }

        var index = RequirePositive(inputs.Index, nameof(inputs));
        var samples = inputs.BasisSamples ?? [];
        var count = Math.Min(Samples, samples.Count);
        if (count == 0)
        {
            return index;
        }

        Int128 sum = 0;
        for (var i = samples.Count - count; i < samples.Count; i++)
        {
            sum += ClampedBasis(samples[i]).Units;
        }

        return index + Price.FromUnits(FixedPoint.ToUnits(FixedPoint.Divide(sum, count, Rounding.Down)));
    }

    /// <summary>One sample's basis, clamped to ±(its index × <see cref="BasisBand"/>, rounded down) where there is a band.</summary>
    public Price ClampedBasis(BasisSample sample)
    {
        if (BasisBand is not { } band)
        {
            return sample.Basis;
        }

        var reach = BandReach(sample.Index, band);
        return Price.Min(Price.Max(sample.Basis, -reach), reach);
    }
}
