using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Instruments;

public sealed class InstrumentTests
{
    private static readonly RiskTierTable Tiers = RiskTierTable.Flat(Rate.Parse("0.005"), maxLeverage: Leverage.FromWhole(100));

    private static Instrument Create(
        string symbol = "BTCUSDT",
        InstrumentKind kind = InstrumentKind.Perpetual,
        string settle = "USDT",
        ContractSpec? contract = null,
        string tick = "0.1",
        string lot = "0.001",
        string maker = "0.0002",
        string taker = "0.00055",
        string liquidation = "0.005",
        DateTimeOffset? expiry = null) =>
        Instrument.Create(symbol, kind, "BTC", contract?.Type == ContractType.Inverse ? "USD" : "USDT", settle,
            contract ?? ContractSpec.Linear(), Price.Parse(tick), Quantity.Parse(lot), Rate.Parse(maker), Rate.Parse(taker),
            Rate.Parse(liquidation), Tiers, expiry);

    [Fact]
    public void A_linear_perpetual_settles_in_its_quote_asset()
    {
        var instrument = Create();
        Assert.Equal("USDT", instrument.SettleAsset);
        Assert.Equal(ContractType.Linear, instrument.Contract.Type);
        Assert.Null(instrument.Expiry);
    }

    [Fact]
    public void An_inverse_perpetual_settles_in_its_base_coin()
    {
        var instrument = Create("BTCUSD", settle: "BTC", contract: ContractSpec.Inverse(Quantity.FromWhole(100)));
        Assert.Equal(Quantity.FromWhole(100), instrument.Contract.Size);
    }

    [Fact]
    public void A_dated_future_needs_an_expiry_and_a_perpetual_has_none()
    {
        var expiry = new DateTimeOffset(2026, 12, 25, 8, 0, 0, TimeSpan.Zero);
        Assert.Equal(expiry, Create("BTCUSDT-261225", InstrumentKind.DatedFuture, expiry: expiry).Expiry);
        Assert.Equal("expiry", Assert.Throws<ArgumentException>(() => Create(kind: InstrumentKind.DatedFuture)).ParamName);
        Assert.Equal("expiry", Assert.Throws<ArgumentException>(() => Create(expiry: expiry)).ParamName);
    }

    [Theory]
    [InlineData("", "USDT", "0.1", "0.001", "0.0002", "0.00055", "0.005", "symbol")]
    [InlineData("BTCUSDT", "BTC", "0.1", "0.001", "0.0002", "0.00055", "0.005", "settleAsset")]
    [InlineData("BTCUSDT", "USDT", "0", "0.001", "0.0002", "0.00055", "0.005", "tickSize")]
    [InlineData("BTCUSDT", "USDT", "0.1", "-0.001", "0.0002", "0.00055", "0.005", "lotSize")]
    [InlineData("BTCUSDT", "USDT", "0.1", "0.001", "1", "0.00055", "0.005", "makerFee")]
    [InlineData("BTCUSDT", "USDT", "0.1", "0.001", "0.0002", "-0.0001", "0.005", "takerFee")]
    [InlineData("BTCUSDT", "USDT", "0.1", "0.001", "0.0002", "0.00055", "1.5", "liquidationFee")]
    public void Invalid_fields_are_rejected_by_name(string symbol, string settle, string tick, string lot, string maker, string taker, string liquidation, string field)
    {
        var error = Assert.ThrowsAny<ArgumentException>(() => Create(symbol, settle: settle, tick: tick, lot: lot, maker: maker, taker: taker, liquidation: liquidation));
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void A_maker_rebate_is_a_negative_fee()
    {
        Assert.Equal(Rate.Parse("-0.0001"), Create(maker: "-0.0001").MakerFee);
    }

    [Theory]
    [InlineData("0.003", true)]
    [InlineData("0.0035", false)]
    [InlineData("0", false)]
    public void Sizes_must_be_whole_lots(string quantity, bool expected)
    {
        Assert.Equal(expected, Create().IsWholeLots(Quantity.Parse(quantity)));
    }

    [Theory]
    [InlineData("20000.3", true)]
    [InlineData("20000.35", false)]
    [InlineData("-0.1", false)]
    public void Prices_must_be_on_the_tick(string price, bool expected)
    {
        Assert.Equal(expected, Create().IsOnTick(Price.Parse(price)));
    }
}
