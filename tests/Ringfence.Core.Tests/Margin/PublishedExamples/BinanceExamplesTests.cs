using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using static Ringfence.Core.Tests.Margin.PublishedExamples.Examples;

namespace Ringfence.Core.Tests.Margin.PublishedExamples;

/// <summary>Binance FAQ worked examples (reference/exchange-formulas.md §1–2, vectors 1–6).</summary>
public sealed class BinanceExamplesTests
{
    private static RiskTierTable Btcusdt2021 => RiskTierTable.Create(
    [
        new(M("50000"), R("0.004")), new(M("250000"), R("0.005")), new(M("1000000"), R("0.01")),
        new(M("10000000"), R("0.025")), new(M("20000000"), R("0.05")), new(M("50000000"), R("0.1")),
        new(M("100000000"), R("0.125")), new(M("200000000"), R("0.15")), new(M("300000000"), R("0.25")),
        new(M("500000000"), R("0.5")),
    ]);

    [Fact]
    public void BinanceFaq_UsdM_BtcUsdtShort_Liquidates_At_11383_99()
    {
        // Single-symbol form: isolated wallet balance = WB − TMM1 + UPNL1 = 10.72 − 1.3 + 0.47.
        var position = Linear(PositionSide.Short, "0.005", "9451.53", "9.89");
        var price = Model(VenueProfiles.Binance, "0.004").LiquidationPrice(position, P("0.01"));
        Assert.Equal(P("11383.99"), price);
    }

    [Fact]
    public void BinanceFaq_UsdM_EthUsdtLong_Liquidates_At_190_29()
    {
        var position = Linear(PositionSide.Long, "1", "199.53", "10.47");
        var model = Model(VenueProfiles.Binance, "0.0065");
        Near("190.29", model.LiquidationPrice(position, P("0.01")), "0.01");
        Near("190.29", model.LiquidationPrice(position, P("0.00000001")), "0.01");
    }

    [Fact]
    public void BinanceFaq_MaintenanceAmountRecursion_Level5_Is_141300()
    {
        var table = RiskTierTable.Create(
        [
            new(M("50000"), R("0.004")), new(M("250000"), R("0.005")), new(M("1000000"), R("0.01")),
            new(M("5000000"), R("0.025")), new(M("10000000"), R("0.05")),
        ]);
        Assert.Equal(M("16300"), table.Tiers[3].MaintenanceAmount);
        Assert.Equal(M("141300"), table.Tiers[4].MaintenanceAmount);
    }

    [Fact]
    public void BinanceFaq_BracketLookups_264000_Has_Mmr_1Percent_And_500000_Has_Cum_1300()
    {
        Assert.Equal(R("0.01"), Btcusdt2021.ForNotional(M("264000")).MaintenanceRate);
        Assert.Equal(M("1300"), Btcusdt2021.ForNotional(M("500000")).MaintenanceAmount);
        Assert.Equal(M("266300"), Btcusdt2021.Tiers[4].MaintenanceAmount);
        Assert.Equal(M("100016300"), Btcusdt2021.Tiers[9].MaintenanceAmount);
    }

    [Fact]
    public void BinanceFaq_CoinM_Level5MaintenanceAmount_Is_1_81_Btc()
    {
        // "BTCUSD Maintenance Amount on Level 5 = 50 BTC * (5% - 2.5%) + 0.56 BTC = 1.81 BTC".
        var table = RiskTierTable.Create([new(M("50"), R("0.025"), M("0.56")), new(M("100"), R("0.05"))]);
        Assert.Equal(M("1.81"), table.Tiers[1].MaintenanceAmount);
    }

    [Fact]
    public void BinanceFaq_CoinM_InitialMargin_10Contracts_At_9800_20x_Is_0_0051_Btc()
    {
        var model = Model(VenueProfiles.Binance, "0.005");
        var margin = model.InitialMargin(ContractSpec.Inverse(Q("100")), PositionSide.Long, Q("10"), P("9800"), L("20"));
        Assert.Equal(M("0.00510205"), margin); // 0.005102040…, rounded up; published 0.0051 (4 decimals)
    }

    [Fact]
    public void BinanceFaq_CoinM_DerivedLiquidationPrice_Matches_ForumUsersFormula()
    {
        // reference §2 [own]: 1e7·1.125 / (101 + 11.81 + 1e7/45000) = 33,578.8597 with MMR 12.5%, cum 11.81 BTC.
        var table = RiskTierTable.Flat(R("0.125"), M("11.81"));
        var model = new IsolatedMarginModel(VenueProfiles.Binance, table, R("0"));
        var position = Inverse(PositionSide.Long, "100000", "100", "45000", "101");
        Near("33578.86", model.LiquidationPrice(position, P("0.01")), "0.01");
    }
}
