using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using static Ringfence.Core.Tests.Margin.PublishedExamples.Examples;

namespace Ringfence.Core.Tests.Margin.PublishedExamples;

/// <summary>OKX, Hyperliquid, dYdX and BitMEX worked examples (reference/exchange-formulas.md §4–7, vectors 15–26).</summary>
public sealed class OtherVenuesExamplesTests
{
    [Fact]
    public void OkexUsdtFuturesGuide_Long1Btc_At10000_10x_AtMark9010_MarginRatio_0_11Percent_Liquidates()
    {
        var model = Model(VenueProfiles.Okx, "0.015", "0.00075");
        var contract = ContractSpec.Linear(Q("0.0001"));
        var margin = model.InitialMargin(contract, PositionSide.Long, Q("10000"), P("10000"), L("10"));
        var position = new IsolatedPosition(contract, PositionSide.Long, Q("10000"), P("10000"), margin).Validate();
        Assert.Equal(M("1000"), margin);
        Assert.Equal(M("-990"), IsolatedMarginModel.UnrealizedPnl(position, P("9010")));
        var ratio = model.MarginRatio(position, P("9010"));
        Assert.Equal(R("0.00110987"), ratio); // 10 / 9010, rounded down; published 0.11%
        Assert.True(model.IsLiquidatable(position, P("9010")));
    }

    [Fact]
    public void HyperliquidLiquidations_Btc1At100000_10x_Long_91139_24_Short_108641_98()
    {
        var model = Model(VenueProfiles.Hyperliquid, "0.0125");
        Near("91139.24", model.LiquidationPrice(Linear(PositionSide.Long, "1", "100000", "10000"), P("0.01")), "0.01");
        Near("108641.98", model.LiquidationPrice(Linear(PositionSide.Short, "1", "100000", "10000"), P("0.01")), "0.01");
    }

    [Fact]
    public void HyperliquidMarginTiers_BtcTier2_Mmr_2_5Percent_Deduction_1875000()
    {
        var profile = VenueProfiles.Hyperliquid;
        var table = RiskTierTable.Create(
        [
            new(M("150000000"), profile.ImpliedMaintenanceRate(L("40"))!.Value, null, L("40")),
            new(null, profile.ImpliedMaintenanceRate(L("20"))!.Value, null, L("20")),
        ]);
        Assert.Equal(R("0.0125"), table.Tiers[0].MaintenanceRate);
        Assert.Equal(R("0.025"), table.Tiers[1].MaintenanceRate);
        Assert.Equal(M("1875000"), table.Tiers[1].MaintenanceAmount);
    }

    [Fact]
    public void DydxLiquidations_IsolatedEthShort_e1000_s3_p3000_Mmf5Percent_At_3174_60()
    {
        var model = Model(VenueProfiles.Dydx, "0.05");
        var position = Linear(PositionSide.Short, "3", "3000", "1000");
        var price = model.LiquidationPrice(position, P("0.01"));
        Assert.Equal(P("3174.6"), price);
        // "equity at p' ≈ 476.2" = maintenance there.
        Assert.Equal(M("476.2"), IsolatedMarginModel.Equity(position, price!.Value));
    }

    [Theory]
    [InlineData(PositionSide.Long, "499", "45010")] // USDC −4,501 → receives at least 4,501
    [InlineData(PositionSide.Short, "499", "54990")] // USDC +5,499 → pays at most 5,499
    [InlineData(PositionSide.Long, "0", "50000")] // USDC −5,000 → 5,000 (half: 2,500)
    [InlineData(PositionSide.Long, "-100", "51000")] // USDC −5,100 → 5,100
    [InlineData(PositionSide.Short, "-100", "49000")] // USDC +4,900 → 4,900
    public void DydxV4ChainLiquidationsTest_BankruptcyQuote_01Btc_Oracle50000(PositionSide side, string margin, string expectedPrice)
    {
        // The code vectors give the subaccount's USDC balance; margin = USDC + s·0.1·50,000.
        var model = Model(VenueProfiles.Dydx, "0.1");
        var position = Linear(side, "0.1", "50000", margin);
        Assert.Equal(P(expectedPrice), model.BankruptcyPrice(position, P("1")));
    }

    [Fact]
    public void BitmexIsolatedMarginExamples_KarenEthUsdt_20At1000_Liquidation510_Bankruptcy500()
    {
        // Valued at entry (as Bybit classic): wallet 10,000 USDT behind 20 ETH at 1,000, MM 1%.
        var model = Model(VenueProfiles.Bybit, "0.01");
        var position = Linear(PositionSide.Long, "20", "1000", "10000");
        Assert.Equal(M("200"), model.MaintenanceMargin(position, P("1000")));
        Assert.Equal(P("510"), model.LiquidationPrice(position, P("0.01")));
        Assert.Equal(P("500"), model.BankruptcyPrice(position, P("0.01")));
    }
}
