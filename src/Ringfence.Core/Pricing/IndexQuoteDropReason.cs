namespace Ringfence.Core.Pricing;

/// <summary>Why an index source's quote was left out of the index.</summary>
public enum IndexQuoteDropReason
{
    /// <summary>The price is zero or negative: no source can quote that.</summary>
    NotPositive,

    /// <summary>The quote is older than the aggregator's maximum age.</summary>
    Stale,

    /// <summary>
    /// The quote is stamped more than the maximum age after the current time: the source's clock is wrong, so its
    /// freshness cannot be judged.
    /// </summary>
    FromTheFuture,

    /// <summary>The price lies farther from the median of the fresh quotes than the outlier band allows.</summary>
    Outlier,
}
