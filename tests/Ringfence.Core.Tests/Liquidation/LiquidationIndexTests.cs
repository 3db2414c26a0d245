using Ringfence.Core.Accounts;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Tests.Liquidation;

/// <summary>
/// The liquidation index answers "which isolated positions has this mark reached?": longs whose liquidation price is at
/// or above the mark (highest first), then shorts whose price is at or below it (lowest first).
/// </summary>
public sealed class LiquidationIndexTests
{
    private const string Btc = "BTCUSDT";

    private static PositionKey Key(string account, string symbol = Btc) => new(AccountId.Create(account), symbol, MarginScope.Isolated);

    private static Price P(long whole) => Price.FromWhole(whole);

    /// <summary>Longs a 19,700 and b 19,800; shorts c 20,300 and d 20,200.</summary>
    private static LiquidationIndex Book()
    {
        var index = new LiquidationIndex();
        index.Set(Key("a"), PositionSide.Long, P(19_700));
        index.Set(Key("b"), PositionSide.Long, P(19_800));
        index.Set(Key("c"), PositionSide.Short, P(20_300));
        index.Set(Key("d"), PositionSide.Short, P(20_200));
        return index;
    }

    [Fact]
    public void A_mark_between_the_long_and_short_prices_crosses_nothing()
    {
        var index = Book();

        Assert.Empty(index.Crossed(Btc, P(20_000)));
        Assert.Empty(index.Crossed(Btc, Price.Parse("19800.00000001")));
        Assert.Empty(index.Crossed(Btc, Price.Parse("20199.99999999")));
        Assert.Equal(4, index.Count);
    }

    [Fact]
    public void A_long_is_crossed_when_the_mark_is_at_or_below_its_price_highest_price_first()
    {
        var index = Book();

        // Exactly at 19,800: b (inclusive); one unit of 10⁻⁸ below 19,700: both, b (19,800) before a (19,700).
        Assert.Equal([Key("b")], index.Crossed(Btc, P(19_800)));
        Assert.Equal([Key("b")], index.Crossed(Btc, Price.Parse("19700.00000001")));
        Assert.Equal([Key("b"), Key("a")], index.Crossed(Btc, P(19_700)));
        Assert.Equal([Key("b"), Key("a")], index.Crossed(Btc, P(1)));
    }

    [Fact]
    public void A_short_is_crossed_when_the_mark_is_at_or_above_its_price_lowest_price_first()
    {
        var index = Book();

        Assert.Equal([Key("d")], index.Crossed(Btc, P(20_200)));
        Assert.Equal([Key("d")], index.Crossed(Btc, Price.Parse("20299.99999999")));
        Assert.Equal([Key("d"), Key("c")], index.Crossed(Btc, P(20_300)));
        Assert.Equal([Key("d"), Key("c")], index.Crossed(Btc, P(1_000_000)));
    }

    [Fact]
    public void Positions_at_the_same_price_are_all_crossed()
    {
        var index = new LiquidationIndex();
        index.Set(Key("a"), PositionSide.Long, P(19_700));
        index.Set(Key("b"), PositionSide.Long, P(19_700));
        index.Set(Key("c"), PositionSide.Short, P(20_300));
        index.Set(Key("d"), PositionSide.Short, P(20_300));

        Assert.Equal([Key("a"), Key("b")], index.Crossed(Btc, P(19_700)).Order());
        Assert.Equal([Key("c"), Key("d")], index.Crossed(Btc, P(20_300)).Order());
        Assert.Empty(index.Crossed(Btc, P(20_000)));
    }

    [Fact]
    public void Crossed_positions_at_one_price_come_longs_in_descending_and_shorts_in_ascending_key_order()
    {
        var index = new LiquidationIndex();
        foreach (var account in new[] { "c", "a", "d", "b" })
        {
            index.Set(Key(account), PositionSide.Long, P(19_700));
            index.Set(Key("s" + account), PositionSide.Short, P(20_300));
        }

        index.Set(Key("e"), PositionSide.Long, P(19_800));

        Assert.Equal([Key("e"), Key("d"), Key("c"), Key("b"), Key("a")], index.Crossed(Btc, P(19_000)));
        Assert.Equal([Key("sa"), Key("sb"), Key("sc"), Key("sd")], index.Crossed(Btc, P(21_000)));
    }

    [Fact]
    public void An_index_loaded_in_bulk_answers_as_one_built_a_position_at_a_time()
    {
        var random = new Random(7);
        var positions = Enumerable.Range(0, 3_000)
            .Select(i => (Key: Key($"t{i}"), Side: i % 3 == 0 ? PositionSide.Short : PositionSide.Long, Price: P(random.Next(19_000, 21_000))))
            .ToList();
        var built = new LiquidationIndex();
        foreach (var (key, side, price) in positions)
        {
            built.Set(key, side, price);
        }

        var loaded = new LiquidationIndex();
        loaded.Load(positions);

        Assert.Equal(built.Count, loaded.Count);
        foreach (var mark in new[] { 18_000, 19_500, 20_000, 20_500, 22_000 })
        {
            Assert.Equal(built.Crossed(Btc, P(mark)), loaded.Crossed(Btc, P(mark)));
        }
    }

    [Fact]
    public void Setting_a_position_again_re_indexes_it_at_its_new_price()
    {
        var index = Book();

        // Margin added to a: its price falls from 19,700 to 19,000; b's rises (margin removed) to 19,900.
        index.Set(Key("a"), PositionSide.Long, P(19_000));
        index.Set(Key("b"), PositionSide.Long, P(19_900));

        Assert.Equal(4, index.Count);
        Assert.Equal(P(19_000), index.PriceOf(Key("a")));
        Assert.Equal([Key("b")], index.Crossed(Btc, P(19_700)));
        Assert.Equal([Key("b"), Key("a")], index.Crossed(Btc, P(19_000)));
        Assert.Equal([Key("b")], index.Crossed(Btc, P(19_900)));
    }

    [Fact]
    public void A_position_that_flips_side_is_re_indexed_under_its_new_side()
    {
        var index = Book();

        // a flips from a long liquidated at 19,700 to a short liquidated at 20,500.
        index.Set(Key("a"), PositionSide.Short, P(20_500));

        Assert.Equal(PositionSide.Short, index.SideOf(Key("a")));
        Assert.Equal([Key("b")], index.Crossed(Btc, P(19_000)));
        Assert.Equal([Key("d"), Key("c")], index.Crossed(Btc, P(20_499)));
        Assert.Equal([Key("d"), Key("c"), Key("a")], index.Crossed(Btc, P(20_500)));
    }

    [Fact]
    public void A_null_price_or_Remove_takes_a_position_out_and_removing_an_absent_one_is_a_no_op()
    {
        var index = Book();

        index.Set(Key("a"), PositionSide.Long, null); // e.g. a 1× long: nothing liquidates it
        index.Remove(Key("c"));
        index.Remove(Key("c"));
        index.Remove(Key("nobody"));

        Assert.Equal(2, index.Count);
        Assert.Null(index.PriceOf(Key("a")));
        Assert.Null(index.SideOf(Key("c")));
        Assert.Equal([Key("b")], index.Crossed(Btc, P(1)));
        Assert.Equal([Key("d")], index.Crossed(Btc, P(1_000_000)));
        Assert.Equal([Key("b"), Key("d")], index.KeysIn(Btc).Order());
    }

    [Fact]
    public void Instruments_are_indexed_apart()
    {
        var index = Book();
        index.Set(Key("e", "ETHUSDT"), PositionSide.Long, P(1_900));

        Assert.Equal([Key("e", "ETHUSDT")], index.Crossed("ETHUSDT", P(1_900)));
        Assert.DoesNotContain(Key("e", "ETHUSDT"), index.Crossed(Btc, P(1)));
        Assert.Empty(index.Crossed("SOLUSDT", P(1)));
        Assert.Empty(index.KeysIn("SOLUSDT"));
        Assert.Equal(5, index.Count);
    }
}
