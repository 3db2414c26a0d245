using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using static Ringfence.Core.Tests.Margin.PublishedExamples.Examples;

namespace Ringfence.Core.Tests.Margin.PublishedExamples;

/// <summary>Bybit help-centre worked examples (reference/exchange-formulas.md §3, vectors 9–14 and 33).</summary>
public sealed class BybitExamplesTests
{
    [Fact]
    public void BybitLiquidationPriceUsdt_Long1Btc_At20000_50x_Liquidates_At_19700()
    {
        var model = Model(VenueProfiles.Bybit, "0.005");
        var margin = model.InitialMargin(ContractSpec.Linear(), PositionSide.Long, Q("1"), P("20000"), L("50"));
        var position = Linear(PositionSide.Long, "1", "20000", margin.ToString());
        Assert.Equal(M("400"), margin);
        Assert.Equal(M("100"), model.MaintenanceMargin(position, P("20000")));
        Assert.Equal(P("19700"), model.LiquidationPrice(position, P("0.5")));
    }

    [Fact]
    public void BybitLiquidationPriceUsdt_Short1Btc_With3000Added_Liquidates_At_23300()
    {
        var model = Model(VenueProfiles.Bybit, "0.005");
        var position = Linear(PositionSide.Short, "1", "20000", "400").WithMarginChange(M("3000"));
        Assert.Equal(P("23300"), model.LiquidationPrice(position, P("0.5")));
    }

    [Fact]
    public void BybitBankruptcyPriceUsdt_Long1Btc_At10000_50x_Is_9800()
    {
        var model = Model(VenueProfiles.Bybit, "0.005");
        var position = Linear(PositionSide.Long, "1", "10000", "200");
        Assert.Equal(P("9800"), model.BankruptcyPrice(position, P("0.5")));
    }

    [Fact]
    public void BybitInverse_InitialMargin_12000Contracts_At8000_50x_Is_0_03_Btc()
    {
        var model = Model(VenueProfiles.Bybit, "0.005");
        Assert.Equal(M("0.03"), model.InitialMargin(ContractSpec.Inverse(Q("1")), PositionSide.Long, Q("12000"), P("8000"), L("50")));
    }

    [Fact]
    public void BybitInverse_ClassicIsolated_Matches_EpLevOverLevPlus1MinusMmrLev()
    {
        // LP_long = EP·Lev/(Lev + 1 − MMR·Lev) = 8000·50/(51 − 0.25) = 7881.77…; BP_long = EP·Lev/(Lev + 1) = 7843.14…
        var model = Model(VenueProfiles.Bybit, "0.005");
        var position = Inverse(PositionSide.Long, "12000", "1", "8000", "0.03");
        Near("7881.77", model.LiquidationPrice(position, P("0.01")), "0.01");
        Near("7843.14", model.BankruptcyPrice(position, P("0.01")), "0.01");
        var shortPosition = Inverse(PositionSide.Short, "12000", "1", "8000", "0.03");
        Near("8121.83", model.LiquidationPrice(shortPosition, P("0.01")), "0.01"); // 400000/(49 + 0.25)
    }

    [Fact]
    public void BybitMaintenanceMargin_XyzUsdtTiers_100At35_Is_92_5()
    {
        var table = RiskTierTable.Create(
        [
            new(M("1000"), R("0.02")), new(M("2000"), R("0.025")), new(M("3000"), R("0.03")),
            new(M("4000"), R("0.035")), new(M("5000"), R("0.04")),
        ]);
        var model = new IsolatedMarginModel(VenueProfiles.Bybit, table, R("0"));
        var position = Linear(PositionSide.Long, "100", "35", "350");
        Assert.Equal(M("3500"), IsolatedMarginModel.Notional(position, P("35")));
        Assert.Equal(M("92.5"), model.MaintenanceMargin(position, P("35")));
    }

    [Fact]
    public void BybitRiskLimitApi_BtcUsdtDeductions_Are_0_1200_3020_4300()
    {
        var table = RiskTierTable.Create(
        [
            new(M("2000000"), R("0.005"), M("0")), new(M("2600000"), R("0.0056"), M("1200")),
            new(M("3200000"), R("0.0063"), M("3020")), new(M("3800000"), R("0.0067"), M("4300")),
        ]);
        Assert.Equal(M("4300"), table.Tiers[3].MaintenanceAmount);
    }

    [Fact]
    public void BybitUnified_LiquidationPrice_Matches_TranscribedFormula_With_ExtraMargin_And_TakerFee()
    {
        // [own] arithmetic on the transcribed UTA formula (reference §3.2b):
        // LP_long = [EP·Q − EP·Q/Lev − Extra/(1 − fee) − cum] / [Q·(1 − MMR)]
        //         = [20000 − 400 − 1000/0.99945] / 0.995 = 18692.914…
        var model = Model(VenueProfiles.BybitUnified, "0.005", "0.00055");
        var opening = model.InitialMargin(ContractSpec.Linear(), PositionSide.Long, Q("1"), P("20000"), L("50"));
        Assert.Equal(M("410.78"), opening); // 400 + 19600 × 0.00055
        var position = Linear(PositionSide.Long, "1", "20000", opening.ToString()).WithMarginChange(M("1000"));
        Near("18692.91", model.LiquidationPrice(position, P("0.01")), "0.01");

        // Short: [EP·Q + EP·Q/Lev + Extra/(1 + fee) + cum] / [Q·(1 + MMR)] = [20400 + 1000/1.00055] / 1.005 = 21292.985…
        var shortOpening = model.InitialMargin(ContractSpec.Linear(), PositionSide.Short, Q("1"), P("20000"), L("50"));
        var shortPosition = Linear(PositionSide.Short, "1", "20000", shortOpening.ToString()).WithMarginChange(M("1000"));
        Near("21292.99", model.LiquidationPrice(shortPosition, P("0.01")), "0.01");
    }

    [Fact]
    public void BybitUtaTradingRules_Long1Btc_At40000_50x_Extra3000_Has_Maintenance_221_56_And_Liquidates_At_36380_25()
    {
        // "Trading Rules: Liquidation Process (Unified Trading Account)" (reference §3.2b), worked long example:
        // fee to close = 40,000 × (1 − 1/50) × 0.055% = 21.56, at the leverage's bankruptcy price, not at the one the
        // extra margin moves; MM = 40,000 × 0.5% + 21.56 = 221.56;
        // LP = [40,000 − 40,000/50 − 3,000/(1 − 0.00055)] / (1 − 0.005) = 36,380.2503437…, published as 36,380.25.
        var model = Model(VenueProfiles.BybitUnified, "0.005", "0.00055");
        var opening = model.InitialMargin(ContractSpec.Linear(), PositionSide.Long, Q("1"), P("40000"), L("50"));
        Assert.Equal(M("821.56"), opening); // 800 + 21.56
        var position = Linear(PositionSide.Long, "1", "40000", opening.ToString()).WithMarginChange(M("3000"));

        Assert.Equal(M("21.56"), model.StatedCloseFee(position, L("50")));
        Assert.Equal(M("221.56"), model.StatedMaintenanceMargin(position, P("40000"), L("50")));

        // The exact root, to 10⁻⁸ (the reserved fee's rounding up may move it one unit up), is the published price to the cent.
        var exact = model.LiquidationPrice(position, P("0.00000001"));
        Near("36380.25034372", exact, "0.00000001");
        Assert.Equal(P("36380.25"), exact!.Value.RoundTo(P("0.01"), Rounding.Down));

        // The liquidation check reserves the fee at the position's own bankruptcy price (3,000 more margin moves it to
        // 36,198.35): that is what makes Bybit's LP formula the root of equity − maintenance.
        Assert.Equal(M("219.90909201"), model.MaintenanceMargin(position, P("40000")));
        Near("36198.34909201", model.BankruptcyPrice(position, P("0.00000001")), "0.00000001");
    }

    [Fact]
    public void BybitUnified_BankruptcyPrice_Is_EpTimesOneMinusImr()
    {
        var model = Model(VenueProfiles.BybitUnified, "0.005", "0.00055");
        var opening = model.InitialMargin(ContractSpec.Linear(), PositionSide.Long, Q("1"), P("10000"), L("50"));
        var position = Linear(PositionSide.Long, "1", "10000", opening.ToString());
        Assert.Equal(P("9800"), model.BankruptcyPrice(position, P("0.1")));
    }
}
