using System.Collections.ObjectModel;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// The outcome of one index aggregation (<see cref="IndexPriceAggregator.Aggregate"/>): either an index price, with the
/// quotes it is the median of, or a hold, in which case the previous index stands. Immutable; both lists are ordered by
/// source name (ordinal).
/// </summary>
public sealed class IndexResult
{
    private IndexResult(Price? index, IndexHoldReason? holdReason, string explanation, IReadOnlyList<IndexQuote> used, IReadOnlyList<DroppedIndexQuote> dropped)
    {
        Index = index;
        HoldReason = holdReason;
        Explanation = explanation;
        Used = used;
        Dropped = dropped;
    }

    /// <summary>
    /// The index: the median of the used quotes' prices; for an even count, the mean of the two middle prices rounded down
    /// to 10⁻⁸. Null on a hold.
    /// </summary>
    public Price? Index { get; }

    /// <summary>True when no index was computed and the previous one stands.</summary>
    public bool IsHold => Index is null;

    /// <summary>Why the aggregation held; null when it computed an index.</summary>
    public IndexHoldReason? HoldReason { get; }

    /// <summary>The result in words: the index and how many sources it rests on, or why it held.</summary>
    public string Explanation { get; }

    /// <summary>The quotes the index is the median of (empty on a hold), ordered by source name.</summary>
    public IReadOnlyList<IndexQuote> Used { get; }

    /// <summary>The quotes left out and why, ordered by source name. On a hold, fresh quotes that were too few are in neither list.</summary>
    public IReadOnlyList<DroppedIndexQuote> Dropped { get; }

    /// <summary>This result's index, or <paramref name="previous"/> on a hold.</summary>
    public Price IndexOr(Price previous) => Index ?? previous;

    /// <inheritdoc/>
    public override string ToString() => Explanation;

    internal static IndexResult Computed(Price index, IEnumerable<IndexQuote> used, IEnumerable<DroppedIndexQuote> dropped)
    {
        var usedList = Ordered(used, q => q.Source);
        return new(index, null, $"index {index} from {usedList.Count} source(s)", usedList, Ordered(dropped, d => d.Quote.Source));
    }

    internal static IndexResult Held(IndexHoldReason reason, string explanation, IEnumerable<DroppedIndexQuote> dropped) =>
        new(null, reason, explanation, Array.Empty<IndexQuote>(), Ordered(dropped, d => d.Quote.Source));

    private static ReadOnlyCollection<T> Ordered<T>(IEnumerable<T> items, Func<T, string> source) =>
        Array.AsReadOnly(items.OrderBy(source, StringComparer.Ordinal).ToArray());
}
