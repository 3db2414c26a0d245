using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// Mark = index × (1 + funding rate × time until funding ÷ interval): Binance's published (older) mark price and BitMEX's
/// fair price (reference §1.6, §5.4). Reads <see cref="MarkPriceInputs.Index"/>, <see cref="MarkPriceInputs.FundingRate"/>
/// (per <see cref="FundingInterval"/>) and <see cref="MarkPriceInputs.TimeUntilFunding"/>.
/// </summary>
/// <remarks>
/// The basis <c>index × rate × t ÷ interval</c> is computed exactly and rounded once, down (toward negative infinity), to
/// 10⁻⁸, then added to the index. Funding 0.03%, 4 h of 8 left, index 10,000 gives 10,001.5 exactly (vector 7).
/// </remarks>
/// <param name="FundingInterval">The funding interval the rate is stated per (8 h at Binance and BitMEX). Positive.</param>
/// <param name="Band">The final clamp around the index (see <see cref="MarkPriceRule"/>); null for none.</param>
public sealed record FundingBasisMarkPrice(TimeSpan FundingInterval, Rate? Band = null) : MarkPriceRule(Band)
{
    /// <inheritdoc/>
    public override string Formula => $"index × (1 + funding rate × time until funding ÷ {FundingInterval:c})";

    /// <inheritdoc/>
    public override Price Unclamped(MarkPriceInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        if (FundingInterval <= TimeSpan.Zero)
        {
            throw new InvalidOperationException($"The funding interval must be positive, not {FundingInterval}.");
        }

        if (inputs.TimeUntilFunding < TimeSpan.Zero || inputs.TimeUntilFunding > FundingInterval)
        {
            throw new ArgumentOutOfRangeException(nameof(inputs), inputs.TimeUntilFunding, $"The time until funding must lie between zero and the {FundingInterval} interval.");
        }

        var index = RequirePositive(inputs.Index, nameof(inputs));
        var basis = FixedPoint.MulDiv(
            (Int128)index.Units * inputs.FundingRate.Units,
            inputs.TimeUntilFunding.Ticks,
            (Int128)FixedPoint.Scale * FundingInterval.Ticks,
            Rounding.Down);
        return index + Price.FromUnits(FixedPoint.ToUnits(basis));
    }
}
