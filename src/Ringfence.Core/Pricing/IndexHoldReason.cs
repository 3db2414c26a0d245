namespace Ringfence.Core.Pricing;

/// <summary>Why an index aggregation computed no index, so that the previous index stands.</summary>
public enum IndexHoldReason
{
    /// <summary>Fewer fresh (positive, recent) quotes than the aggregator's minimum number of sources.</summary>
    TooFewFreshSources,

    /// <summary>Enough fresh quotes, but after the outliers were dropped fewer than the minimum remained.</summary>
    TooFewSourcesWithinBand,
}
