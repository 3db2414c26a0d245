using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Core.Serialization;

namespace Ringfence.Core.Tests.Serialization;

public sealed class CommandJsonTests
{
    [Fact]
    public void A_deposit_parses_with_its_time_and_client_id()
    {
        var command = CommandJson.Parse("""{"type":"deposit","account":"alice","asset":"USDT","amount":"100.5","time":"2026-11-21T08:00:00Z","id":"d-1"}""");

        Assert.Equal(
            new Deposit(AccountId.Create("alice"), Asset.Create("USDT"), Money.Parse("100.5"))
            {
                Time = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.Zero),
                ClientId = "d-1",
            },
            command);
    }

    [Fact]
    public void A_trade_parses_both_sides_and_the_aggressor()
    {
        var command = CommandJson.Parse("""
            {"type":"trade","symbol":"BTCUSDT","price":"20000","quantity":"0.5","aggressor":"seller",
             "buyer":{"account":"mm","scope":"cross"},"seller":{"account":"bob","scope":"pod:basis","leverage":"20"}}
            """);

        Assert.Equal(
            new Trade("BTCUSDT", Price.FromWhole(20_000), Quantity.Parse("0.5"),
                new TradeSide(AccountId.Create("mm"), MarginScope.Cross),
                new TradeSide(AccountId.Create("bob"), MarginScope.InPod("basis"), Leverage.FromWhole(20)),
                TradeAggressor.Seller),
            command);
    }

    [Theory]
    [InlineData("""{"type":"deposit","account":"alice","asset":"USDT","amount":"1","colour":"red"}""", "colour", "unknown field")]
    [InlineData("""{"type":"deposit","account":"alice","asset":"USDT"}""", "amount", "missing field")]
    [InlineData("""{"account":"alice"}""", "type", "missing field")]
    [InlineData("""{"type":"trade","symbol":"BTCUSDT","price":"1","quantity":"1","buyer":{"account":"a","scope":"cross","colour":1},"seller":{"account":"b","scope":"cross"}}""", "buyer.colour", "unknown field")]
    [InlineData("""{"type":"trade","symbol":"BTCUSDT","price":"1","quantity":"1","buyer":{"account":"a"},"seller":{"account":"b","scope":"cross"}}""", "buyer.scope", "missing field")]
    public void A_field_that_is_unknown_or_missing_is_named(string json, string field, string problem)
    {
        var error = Assert.Throws<JsonInputException>(() => CommandJson.Parse(json));

        Assert.Equal(field, error.Field);
        Assert.StartsWith(problem, error.Problem, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("""{"type":"deposit","account":"alice","asset":"USDT","amount":"NaN"}""", "amount")]
    [InlineData("""{"type":"deposit","account":"alice","asset":"USDT","amount":"Infinity"}""", "amount")]
    [InlineData("""{"type":"deposit","account":"alice","asset":"USDT","amount":"1.000000001"}""", "amount")]
    [InlineData("""{"type":"deposit","account":"alice","asset":"USDT","amount":true}""", "amount")]
    [InlineData("""{"type":"deposit","account":"alice","asset":"usdt","amount":"1"}""", "asset")]
    [InlineData("""{"type":"markPrice","symbol":"BTCUSDT","price":"0.000000001"}""", "price")]
    [InlineData("""{"type":"setLeverage","account":"alice","symbol":"BTCUSDT","leverage":"10","scope":"both"}""", "scope")]
    [InlineData("""{"type":"deposit","account":"alice","asset":"USDT","amount":"1","time":"noon"}""", "time")]
    [InlineData("""{"type":"teleport"}""", "type")]
    [InlineData("""{"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"ringfence","tickSize":"0.1","lotSize":"0.001","mmr":"0.01","liquidityMaxImpact":"0.2"}""", "liquidityMaxImpact")]
    [InlineData("""{"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"ringfence","tickSize":"0.1","lotSize":"0.001","mmr":"0.01","liquidity":[{"notional":"1000","impact":"0.01"}],"liquidityMaxImpact":"1.5"}""", "liquidityMaxImpact")]
    [InlineData("""{"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"ringfence","tickSize":"0.1","lotSize":"0.001","mmr":"0.01","liquidity":[{"notional":"1000","impact":"0.01"}],"liquidityMaxImpact":"0"}""", "liquidityMaxImpact")]
    public void A_value_that_is_not_what_its_field_allows_is_named(string json, string field) =>
        Assert.Equal(field, Assert.Throws<JsonInputException>(() => CommandJson.Parse(json)).Field);

    [Theory]
    [InlineData("""{"type":"deposit","account":"alice","asset":"USDT","amount":"1","amount":"2"}""", "amount")]
    [InlineData("""{"type":"deposit","account":"alice","asset":"USDT","amount":"1","amo\u0075nt":"2"}""", "amount")]
    [InlineData("""{"type":"trade","symbol":"BTCUSDT","price":"1","quantity":"1","buyer":{"account":"a","scope":"cross","scope":"isolated"},"seller":{"account":"b","scope":"cross"}}""", "buyer.scope")]
    public void A_field_given_twice_is_refused_however_its_name_is_written(string json, string field)
    {
        var error = Assert.Throws<JsonInputException>(() => CommandJson.Parse(json));

        Assert.Equal(field, error.Field);
        Assert.Equal("field given twice", error.Problem);
    }

    [Fact]
    public void Escapes_that_decode_to_whole_characters_are_read_as_those_characters()
    {
        var deposit = Assert.IsType<Deposit>(CommandJson.Parse("""{"type":"d\u0065posit","acc\u006funt":"\u0061lice","asset":"USDT","amount":"1"}"""));

        Assert.Equal("alice", deposit.Account.Value);
    }

    [Fact]
    public void A_liquidity_model_carries_its_impact_cap()
    {
        var listing = Assert.IsType<ListInstrument>(CommandJson.Parse(
            """{"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"ringfence","tickSize":"0.1","lotSize":"0.001","mmr":"0.01","liquidity":[{"notional":"1000","impact":"0.01"}],"liquidityMaxImpact":"0.2"}"""));

        Assert.Equal(Rate.Parse("0.2"), listing.Liquidity!.MaxImpact);
    }

    [Theory]
    [InlineData("""{"type":"deposit",""")]
    [InlineData("not json")]
    [InlineData("""["deposit"]""")]
    [InlineData("")]
    public void Text_that_is_not_one_JSON_object_is_blamed_on_the_input(string json) =>
        Assert.Equal("input", Assert.Throws<JsonInputException>(() => CommandJson.Parse(json)).Field);
}
