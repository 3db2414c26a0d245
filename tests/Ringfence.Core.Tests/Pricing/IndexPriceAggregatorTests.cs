using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pricing;
using static Ringfence.Core.Tests.Margin.PublishedExamples.Examples;

namespace Ringfence.Core.Tests.Pricing;

/// <summary>The index is the median of the fresh, non-outlier quotes; stale and outlier quotes are dropped; too few sources hold.</summary>
public sealed class IndexPriceAggregatorTests
{
    private static readonly DateTimeOffset Now = new(2026, 3, 1, 12, 0, 0, TimeSpan.Zero);

    private static readonly IndexPriceAggregator Aggregator = new(TimeSpan.FromSeconds(10), R("0.01"), 3);

    private static readonly string[] SourceNames = ["binance", "Bybit", "coinbase", "Kraken", "okx", "bitstamp", "Gemini", "huobi", "upbit", "bitfinex"];

    [Fact]
    public void An_odd_count_gives_the_middle_price_and_an_even_count_the_mean_of_the_two_middle_rounded_down()
    {
        var odd = Aggregator.Aggregate([Quote("a", "100"), Quote("b", "100.5"), Quote("c", "99.9")], Now);
        Assert.Equal(P("100"), odd.Index);
        Assert.False(odd.IsHold);
        Assert.Null(odd.HoldReason);
        Assert.Empty(odd.Dropped);

        var even = Aggregator.Aggregate([Quote("a", "100.00000001"), Quote("b", "100.00000002"), Quote("c", "99.9"), Quote("d", "100.5")], Now);
        Assert.Equal(P("100.00000001"), even.Index); // (100.00000001 + 100.00000002) ÷ 2 = 100.000000015, rounded down
        Assert.Equal(4, even.Used.Count);
    }

    [Fact]
    public void Stale_future_and_non_positive_quotes_are_dropped_with_their_reason()
    {
        var result = Aggregator.Aggregate(
        [
            Quote("fresh1", "100"),
            Quote("fresh2", "100.2", age: TimeSpan.FromSeconds(10)), // exactly the maximum age: fresh
            Quote("fresh3", "99.8", age: TimeSpan.FromSeconds(-10)), // ten seconds ahead: fresh
            Quote("stale", "100", age: TimeSpan.FromSeconds(10) + TimeSpan.FromTicks(1)),
            Quote("future", "100", age: TimeSpan.FromSeconds(-11)),
            Quote("zero", "0"),
            Quote("negative", "-1"),
        ], Now);
        Assert.Equal(P("100"), result.Index);
        Assert.Equal(["fresh1", "fresh2", "fresh3"], result.Used.Select(q => q.Source));
        Assert.Equal(
            [("future", IndexQuoteDropReason.FromTheFuture), ("negative", IndexQuoteDropReason.NotPositive), ("stale", IndexQuoteDropReason.Stale), ("zero", IndexQuoteDropReason.NotPositive)],
            result.Dropped.Select(d => (d.Quote.Source, d.Reason)));
    }

    [Fact]
    public void Outliers_are_measured_from_the_median_of_the_fresh_quotes_and_the_band_edge_is_kept()
    {
        // Median of the fresh quotes 100; band 1%: 101 and 99 are on the edge (kept), 101.00000001 is beyond it.
        var result = Aggregator.Aggregate([Quote("a", "100"), Quote("b", "101"), Quote("c", "99"), Quote("d", "101.00000001"), Quote("e", "50")], Now);
        Assert.Equal(["a", "b", "c"], result.Used.Select(q => q.Source));
        Assert.Equal([("d", IndexQuoteDropReason.Outlier), ("e", IndexQuoteDropReason.Outlier)], result.Dropped.Select(d => (d.Quote.Source, d.Reason)));
        Assert.Equal(P("100"), result.Index);
    }

    [Fact]
    public void An_even_count_measures_outliers_from_the_exact_median()
    {
        // Fresh 99, 100, 101, 103: exact median 100.5, band 2% of it = 2.01; 99 is 1.5 away (kept), 103 is 2.5 away (dropped).
        var aggregator = Aggregator with { OutlierBand = R("0.02") };
        var result = aggregator.Aggregate([Quote("a", "99"), Quote("b", "100"), Quote("c", "101"), Quote("d", "103")], Now);
        Assert.Equal(["a", "b", "c"], result.Used.Select(q => q.Source));
        Assert.Equal(P("100"), result.Index);
    }

    [Fact]
    public void Too_few_fresh_sources_hold_and_the_previous_index_stands()
    {
        var result = Aggregator.Aggregate([Quote("a", "100"), Quote("b", "100.1"), Quote("c", "100", age: TimeSpan.FromMinutes(1))], Now);
        Assert.True(result.IsHold);
        Assert.Null(result.Index);
        Assert.Equal(IndexHoldReason.TooFewFreshSources, result.HoldReason);
        Assert.Empty(result.Used);
        Assert.Equal([("c", IndexQuoteDropReason.Stale)], result.Dropped.Select(d => (d.Quote.Source, d.Reason)));
        Assert.Equal(P("99.5"), result.IndexOr(P("99.5")));
        Assert.Contains("2 fresh source(s), 3 required", result.Explanation, StringComparison.Ordinal);
        Assert.True(Aggregator.Aggregate([], Now).IsHold);
    }

    [Fact]
    public void Too_few_sources_within_the_band_hold()
    {
        var result = Aggregator.Aggregate([Quote("a", "100"), Quote("b", "100.1"), Quote("c", "150")], Now);
        Assert.Equal(IndexHoldReason.TooFewSourcesWithinBand, result.HoldReason);
        Assert.Equal([("c", IndexQuoteDropReason.Outlier)], result.Dropped.Select(d => (d.Quote.Source, d.Reason)));
        Assert.Equal(P("100.1"), result.IndexOr(P("100.1")));
    }

    [Fact]
    public void A_zero_band_around_an_even_median_can_leave_no_source()
    {
        var result = new IndexPriceAggregator(TimeSpan.FromSeconds(1), Rate.Zero, 1).Aggregate([Quote("a", "100"), Quote("b", "102")], Now);
        Assert.Equal(IndexHoldReason.TooFewSourcesWithinBand, result.HoldReason);
        Assert.Equal(2, result.Dropped.Count);
    }

    [Fact]
    public void Sources_are_ordered_by_name_ordinally()
    {
        var result = new IndexPriceAggregator(TimeSpan.FromSeconds(10), R("0.5"), 1).Aggregate([Quote("b", "100"), Quote("a", "100"), Quote("B", "100"), Quote("A", "200")], Now);
        Assert.Equal(["B", "a", "b"], result.Used.Select(q => q.Source));
        Assert.Equal("A", Assert.Single(result.Dropped).Quote.Source);
    }

    [Fact]
    public void Duplicate_or_empty_sources_and_an_invalid_configuration_are_errors()
    {
        Assert.Throws<ArgumentException>(() => Aggregator.Aggregate([Quote("a", "100"), Quote("a", "101")], Now));
        Assert.Throws<ArgumentException>(() => Aggregator.Aggregate([Quote(string.Empty, "100")], Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => (Aggregator with { MinimumSources = 0 }).Aggregate([], Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => (Aggregator with { OutlierBand = R("-0.01") }).Aggregate([], Now));
        Assert.Throws<ArgumentOutOfRangeException>(() => (Aggregator with { MaximumAge = TimeSpan.FromSeconds(-1) }).Aggregate([], Now));
    }

    [Fact]
    public void The_result_matches_an_exact_recomputation_and_its_index_is_a_median_of_the_used_prices()
    {
        PropertyCases.Verify(Cases, c =>
        {
            var (aggregator, quotes) = c;
            var result = aggregator.Aggregate(quotes, Now);

            var fresh = quotes.Where(q => q.Price.IsPositive && (Now - q.Time).Duration() <= aggregator.MaximumAge).ToArray();
            foreach (var dropped in result.Dropped)
            {
                var q = dropped.Quote;
                var expected = !q.Price.IsPositive ? IndexQuoteDropReason.NotPositive
                    : Now - q.Time > aggregator.MaximumAge ? IndexQuoteDropReason.Stale
                    : q.Time - Now > aggregator.MaximumAge ? IndexQuoteDropReason.FromTheFuture
                    : IndexQuoteDropReason.Outlier;
                Assert.Equal(expected, dropped.Reason);
            }

            Assert.Equal(quotes.Length - fresh.Length, result.Dropped.Count(d => d.Reason != IndexQuoteDropReason.Outlier));
            if (fresh.Length < aggregator.MinimumSources)
            {
                Assert.Equal(IndexHoldReason.TooFewFreshSources, result.HoldReason);
                Assert.Empty(result.Used);
                return;
            }

            var median = ExactMedian(fresh.Select(q => q.Price));
            var band = Fraction.Of(aggregator.OutlierBand) * median;
            var within = fresh.Where(q => Distance(Fraction.Of(q.Price), median) <= band).ToArray();
            Assert.Equal(fresh.Length - within.Length, result.Dropped.Count(d => d.Reason == IndexQuoteDropReason.Outlier));
            if (within.Length < aggregator.MinimumSources)
            {
                Assert.Equal(IndexHoldReason.TooFewSourcesWithinBand, result.HoldReason);
                Assert.Empty(result.Used);
                return;
            }

            Assert.Equal(within.Select(q => q.Source).Order(StringComparer.Ordinal), result.Used.Select(q => q.Source));
            Assert.All(result.Used, q => Assert.True(q.Price.IsPositive && (Now - q.Time).Duration() <= aggregator.MaximumAge, $"{q} is not fresh"));
            var index = result.Index!.Value;
            Assert.Equal(ExactMedian(within.Select(q => q.Price)).FloorUnits(), index.Units);
            Assert.True(2 * result.Used.Count(q => q.Price >= index) >= result.Used.Count, $"fewer than half the used prices are at or above {index}");
            Assert.True(2 * result.Used.Count(q => q.Price <= index) >= result.Used.Count, $"fewer than half the used prices are at or below {index}");
        });
    }

    [Fact]
    public void The_result_does_not_depend_on_the_order_of_the_quotes()
    {
        var cases =
            from c in Cases
            from keys in Gen.Choose(0, 1000).ArrayOf(c.Quotes.Length)
            select (c.Aggregator, c.Quotes, Shuffled: c.Quotes.Zip(keys).OrderBy(p => p.Second).Select(p => p.First).ToArray());
        PropertyCases.Verify(cases, c =>
        {
            var a = c.Aggregator.Aggregate(c.Quotes, Now);
            var b = c.Aggregator.Aggregate(c.Shuffled, Now);
            Assert.Equal(a.Index, b.Index);
            Assert.Equal(a.HoldReason, b.HoldReason);
            Assert.Equal(a.Used, b.Used);
            Assert.Equal(a.Dropped, b.Dropped);
        });
    }

    private static Gen<(IndexPriceAggregator Aggregator, IndexQuote[] Quotes)> Cases =>
        from maxAgeSeconds in Gen.Choose(0, 60)
        from bandUnits in Gen.Frequency((1, Gen.Constant(0)), (6, Gen.Choose(1, 5_000_000)))
        from minimum in Gen.Choose(1, 5)
        from count in Gen.Choose(0, SourceNames.Length)
        from center in Draw.SpreadBetween(1, 10_000_000_000_000)
        from quotes in Quotes(center, maxAgeSeconds).ArrayOf(count)
        select (
            new IndexPriceAggregator(TimeSpan.FromSeconds(maxAgeSeconds), Rate.FromUnits(bandUnits), minimum),
            quotes.Select((q, i) => q with { Source = SourceNames[i] }).ToArray());

    private static Gen<IndexQuote> Quotes(long center, int maxAgeSeconds) =>
        from kind in Gen.Frequency((12, Gen.Constant(0)), (3, Gen.Constant(1)), (1, Gen.Constant(2)))
        from perHundredThousand in kind == 0 ? Gen.Choose(-3_000, 3_000) : Gen.Choose(-90_000, 200_000)
        from ageMilliseconds in Gen.Frequency((6, Gen.Choose(0, 1000 * maxAgeSeconds)), (2, Gen.Choose(-3000 * maxAgeSeconds - 1, 3000 * maxAgeSeconds + 1)), (1, Gen.Elements(1000 * maxAgeSeconds, (1000 * maxAgeSeconds) + 1)))
        select new IndexQuote(
            string.Empty,
            Price.FromUnits(kind == 2 ? -center / 1000 : center + (long)((Int128)center * perHundredThousand / 100_000)),
            Now - TimeSpan.FromMilliseconds(ageMilliseconds));

    private static IndexQuote Quote(string source, string price, TimeSpan? age = null) => new(source, P(price), Now - (age ?? TimeSpan.Zero));

    private static Fraction ExactMedian(IEnumerable<Price> prices)
    {
        var sorted = prices.Select(Fraction.Of).Order().ToArray();
        var middle = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / Fraction.Whole(2);
    }

    private static Fraction Distance(Fraction a, Fraction b) => Fraction.Max(a - b, b - a);
}
