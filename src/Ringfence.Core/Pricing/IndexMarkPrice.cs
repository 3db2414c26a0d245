using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// Mark = index: positions are valued at the index (oracle) price itself, as dYdX v4 values them at the oracle price
/// (reference §7.2, §9b). Reads only <see cref="MarkPriceInputs.Index"/>; exact; no clamp (it could never bind).
/// </summary>
public sealed record IndexMarkPrice() : MarkPriceRule(Band: null)
{
    /// <inheritdoc/>
    public override string Formula => "index (oracle) price";

    /// <inheritdoc/>
    public override Price Unclamped(MarkPriceInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        return RequirePositive(inputs.Index, nameof(inputs));
    }
}
