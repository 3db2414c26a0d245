namespace Ringfence.Core.Pricing;

/// <summary>A quote the index aggregation left out, and why.</summary>
/// <param name="Quote">The quote as given.</param>
/// <param name="Reason">Why it was not used.</param>
public sealed record DroppedIndexQuote(IndexQuote Quote, IndexQuoteDropReason Reason);
