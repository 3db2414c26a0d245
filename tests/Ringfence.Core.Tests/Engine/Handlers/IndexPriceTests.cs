using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pricing;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine.Handlers;

public sealed class IndexPriceTests
{
    private static readonly DateTimeOffset Noon = new(2026, 1, 1, 12, 0, 0, TimeSpan.Zero);

    private static UpdateIndexPrice Quote(string source, string price, DateTimeOffset time) =>
        new(Btcusdt, source, Price.Parse(price)) { Time = time };

    private static MarginEngine Listed(IndexPriceAggregator? rule = null, string? band = null)
    {
        var engine = new MarginEngine();
        engine.Accept(new ListInstrument(Linear(), "ringfence") { IndexRule = rule, PriceBand = band is null ? null : Rate.Parse(band) });
        return engine;
    }

    [Fact]
    public void The_index_is_the_median_of_the_sources_and_the_mark_follows_it()
    {
        var engine = Listed();
        engine.Accept(Quote("binance", "20010", Noon));
        engine.Accept(Quote("coinbase", "19990", Noon));
        var result = engine.Accept(Quote("kraken", "20100", Noon));

        // Median of 19,990 / 20,010 / 20,100 is 20,010; no funding rate yet, so the funding-basis mark is the index.
        Assert.Contains(new IndexPriceUpdated(Btcusdt, Price.FromWhole(20_010), 3, 0), result.Events);
        Assert.Contains(new MarkPriceUpdated(Btcusdt, Price.FromWhole(20_010)), result.Events);
    }

    [Fact]
    public void A_stale_source_is_dropped_and_below_the_minimum_the_index_holds()
    {
        var engine = Listed(new IndexPriceAggregator(TimeSpan.FromSeconds(30), Rate.Parse("0.05"), 2));
        engine.Accept(Quote("binance", "20000", Noon));
        var second = engine.Accept(Quote("coinbase", "20020", Noon.AddSeconds(10)));
        Assert.Contains(new IndexPriceUpdated(Btcusdt, Price.FromWhole(20_010), 2, 0), second.Events);

        // 40 s later binance's quote is stale: one fresh source is below the minimum of two.
        var held = engine.Accept(Quote("coinbase", "19000", Noon.AddSeconds(40)));
        Assert.Single(held.Events.OfType<IndexPriceHeld>());
        Assert.DoesNotContain(held.Events, e => e is MarkPriceUpdated);
    }

    [Fact]
    public void An_outlying_source_is_dropped()
    {
        var engine = Listed();
        engine.Accept(Quote("a", "20000", Noon));
        engine.Accept(Quote("b", "20020", Noon));
        var result = engine.Accept(Quote("c", "30000", Noon));

        // Median 20,020; 30,000 lies beyond ±5% of it and is dropped: the index is the mean of 20,000 and 20,020.
        Assert.Contains(new IndexPriceUpdated(Btcusdt, Price.FromWhole(20_010), 2, 1), result.Events);
    }

    [Fact]
    public void A_jump_beyond_the_band_waits_for_confirmation_by_the_next_update()
    {
        var engine = Listed(band: "0.1");
        engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(20_000)));

        var jump = engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(25_000)));
        Assert.Single(jump.Events.OfType<MarkPriceHeld>());
        Assert.DoesNotContain(jump.Events, e => e is MarkPriceUpdated);

        var confirmed = engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(25_100)));
        Assert.Contains(new MarkPriceUpdated(Btcusdt, Price.FromWhole(25_100)), confirmed.Events);
    }

    [Fact]
    public void BinanceMarkPrice_FundingBasis_Index10000_Funding0_03Percent_4HoursLeft_Is_10001_5()
    {
        // Reference vector 7, through the engine: the last settled rate 0.03% projected over the 4 h left of 8.
        var engine = Listed();
        engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(10_000)));
        engine.Accept(new ApplyFundingRate(Btcusdt, Rate.Parse("0.0003")));

        var result = engine.Accept(Quote("binance", "10000", new DateTimeOffset(2026, 1, 1, 4, 0, 0, TimeSpan.Zero)));

        Assert.Contains(new MarkPriceUpdated(Btcusdt, Price.Parse("10001.5")), result.Events);
    }

    [Fact]
    public void An_index_price_without_a_time_is_rejected()
    {
        var engine = Listed();
        engine.Reject(new UpdateIndexPrice(Btcusdt, "binance", Price.FromWhole(20_000)), RejectionCodes.InvalidValue);
    }
}
