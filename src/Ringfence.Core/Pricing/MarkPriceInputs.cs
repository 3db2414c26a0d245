using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>What a <see cref="MarkPriceRule"/> may read. Each rule reads only part of it (see the rule).</summary>
/// <param name="Index">The current index (or oracle) price. Positive.</param>
/// <param name="FundingRate">The funding rate of the current interval, per interval of the rule (funding-basis rules).</param>
/// <param name="TimeUntilFunding">Time left until the next funding timestamp (funding-basis rules); between zero and the interval.</param>
/// <param name="BasisSamples">Basis observations, oldest first (moving-average rules); null or empty for none.</param>
public sealed record MarkPriceInputs(
    Price Index,
    Rate FundingRate = default,
    TimeSpan TimeUntilFunding = default,
    IReadOnlyList<BasisSample>? BasisSamples = null);
