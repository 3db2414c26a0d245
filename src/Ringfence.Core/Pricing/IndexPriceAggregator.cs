using System.Numerics;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// Builds an index price from the latest quote of each source: the median of the fresh quotes that are not outliers.
/// Pure: the current time is passed in (Core reads no clock), and the same quotes and time always give the same result.
/// </summary>
/// <remarks>
/// <para>Steps: (1) drop non-positive prices, quotes older than <see cref="MaximumAge"/> and quotes stamped more than
/// <see cref="MaximumAge"/> after now; hold if fewer than <see cref="MinimumSources"/> remain. (2) Take the exact median
/// <c>m</c> of those fresh prices and drop every price with <c>|p − m| &gt; band × m</c> (compared exactly, no rounding).
/// (3) Hold if fewer than <see cref="MinimumSources"/> remain, otherwise the index is the median of the rest.</para>
/// <para>Median: the middle price of an odd count; for an even count the mean of the two middle prices, rounded down
/// to 10⁻⁸ (so the index lies between them and at least half the used prices are at or above it, half at or below).</para>
/// </remarks>
/// <param name="MaximumAge">How old a quote may be and still count as fresh (age = now − quote time; exactly this age is fresh). Not negative.</param>
/// <param name="OutlierBand">How far from the median of the fresh quotes a price may lie, as a share of that median (0.01 = ±1%). Not negative.</param>
/// <param name="MinimumSources">How many sources the index needs; with fewer, the aggregation holds. At least 1.</param>
public sealed record IndexPriceAggregator(TimeSpan MaximumAge, Rate OutlierBand, int MinimumSources)
{
    /// <summary>Validates the configuration.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    public IndexPriceAggregator Validate()
    {
        if (MaximumAge < TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(MaximumAge), MaximumAge, "The maximum quote age must not be negative.");
        }

        if (OutlierBand.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(OutlierBand), OutlierBand, "The outlier band must not be negative.");
        }

        if (MinimumSources < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MinimumSources), MinimumSources, "The index needs at least one source.");
        }

        return this;
    }

    /// <summary>Aggregates the latest quote of each source at time <paramref name="now"/>.</summary>
    /// <param name="quotes">At most one quote per source.</param>
    /// <param name="now">The current time, supplied by the caller.</param>
    /// <exception cref="ArgumentException">Two quotes name the same source, or a source name is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">The configuration is out of range.</exception>
    public IndexResult Aggregate(IEnumerable<IndexQuote> quotes, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(quotes);
        Validate();
        var all = quotes.ToArray();
        var sources = new HashSet<string>(StringComparer.Ordinal);
        foreach (var quote in all)
        {
            if (string.IsNullOrEmpty(quote.Source))
            {
                throw new ArgumentException("An index quote needs a source name.", nameof(quotes));
            }

            if (!sources.Add(quote.Source))
            {
                throw new ArgumentException($"Two quotes from source '{quote.Source}': give only the latest of each source.", nameof(quotes));
            }
        }

        var dropped = new List<DroppedIndexQuote>();
        var fresh = new List<IndexQuote>();
        foreach (var quote in all)
        {
            if (FreshnessProblem(quote, now) is { } reason)
            {
                dropped.Add(new(quote, reason));
            }
            else
            {
                fresh.Add(quote);
            }
        }

        if (fresh.Count < MinimumSources)
        {
            return IndexResult.Held(
                IndexHoldReason.TooFewFreshSources,
                $"hold: {fresh.Count} fresh source(s), {MinimumSources} required",
                dropped);
        }

        var twiceMedian = TwiceMedianUnits(fresh);
        var used = new List<IndexQuote>();
        foreach (var quote in fresh)
        {
            if (IsOutlier(quote.Price, twiceMedian))
            {
                dropped.Add(new(quote, IndexQuoteDropReason.Outlier));
            }
            else
            {
                used.Add(quote);
            }
        }

        if (used.Count < MinimumSources)
        {
            return IndexResult.Held(
                IndexHoldReason.TooFewSourcesWithinBand,
                $"hold: {used.Count} source(s) within ±{OutlierBand} of the median of {fresh.Count} fresh source(s), {MinimumSources} required",
                dropped);
        }

        var index = Price.FromUnits(FixedPoint.ToUnits(FixedPoint.Divide(TwiceMedianUnits(used), 2, Rounding.Down)));
        return IndexResult.Computed(index, used, dropped);
    }

    private IndexQuoteDropReason? FreshnessProblem(IndexQuote quote, DateTimeOffset now) =>
        !quote.Price.IsPositive ? IndexQuoteDropReason.NotPositive
        : now - quote.Time > MaximumAge ? IndexQuoteDropReason.Stale
        : quote.Time - now > MaximumAge ? IndexQuoteDropReason.FromTheFuture
        : null;

    /// <summary>|p − m| &gt; band × m, with 2m given so that an even count's median stays exact: |2p − 2m| × 10⁸ &gt; band units × 2m.</summary>
    private bool IsOutlier(Price price, Int128 twiceMedian)
    {
        var distance = BigInteger.Abs((BigInteger)(2 * (Int128)price.Units - twiceMedian)) * FixedPoint.Scale;
        return distance > (BigInteger)OutlierBand.Units * (BigInteger)twiceMedian;
    }

    /// <summary>Twice the median price, in units: 2 × the middle price, or the sum of the two middle prices.</summary>
    private static Int128 TwiceMedianUnits(IReadOnlyCollection<IndexQuote> quotes)
    {
        var prices = quotes.Select(q => q.Price.Units).Order().ToArray();
        var middle = prices.Length / 2;
        return prices.Length % 2 == 1
            ? 2 * (Int128)prices[middle]
            : (Int128)prices[middle - 1] + prices[middle];
    }
}
