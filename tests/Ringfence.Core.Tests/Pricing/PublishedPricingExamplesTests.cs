using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pricing;
using static Ringfence.Core.Tests.Margin.PublishedExamples.Examples;

namespace Ringfence.Core.Tests.Pricing;

/// <summary>Published mark-price and funding examples (reference/exchange-formulas.md §1.6, §5.3–5.4, §6.4, §7.5, §8; vectors 7, 8, 21, 27).</summary>
public sealed class PublishedPricingExamplesTests
{
    [Fact]
    public void BinanceMarkPriceFaq_Funding0_03Percent_4hOf8Left_Index10000_Mark10001_5()
    {
        // Vector 7: basis = 0.03% × 4/8 = 0.015%; mark = 10,000 × 1.00015.
        var inputs = new MarkPriceInputs(P("10000"), R("0.0003"), TimeSpan.FromHours(4));
        Assert.Equal(P("10001.5"), VenueProfiles.Binance.MarkPriceRule.Mark(inputs));
    }

    [Fact]
    public void BitmexFairPrice_SameFundingBasis_Index10000_Funding0_03Percent_HalfIntervalLeft_10001_5()
    {
        // Reference §5.4: Fair Price = Index × (1 + Funding Rate × Time Until Funding ÷ Funding Interval).
        var rule = new FundingBasisMarkPrice(TimeSpan.FromHours(8));
        Assert.Equal(P("10001.5"), rule.Mark(new(P("10000"), R("0.0003"), TimeSpan.FromHours(4))));
        Assert.Equal(P("10003"), rule.Mark(new(P("10000"), R("0.0003"), TimeSpan.FromHours(8))));
        Assert.Equal(P("10000"), rule.Mark(new(P("10000"), R("0.0003"), TimeSpan.Zero)));
    }

    [Theory]
    [InlineData("-0.0004")]
    [InlineData("-0.00039999")]
    [InlineData("-0.0001")]
    [InlineData("0")]
    [InlineData("0.0001")]
    [InlineData("0.00059999")]
    [InlineData("0.0006")]
    public void BinanceFundingFaq_PremiumFromMinus0_04To0_06Percent_FundingRate0_01Percent(string premium)
    {
        // Vector 8: "If (I − P) is within ±0.05% then F = I".
        var result = VenueProfiles.Binance.FundingRule.FromPremium(R(premium));
        Assert.Equal(R("0.0001"), result.Rate);
        Assert.False(result.Capped);
    }

    [Fact]
    public void BinanceFundingFaq_AnyPremiumInTheDeadBand_FundingRate0_01Percent()
    {
        PropertyCases.Verify(Draw.Between(-40_000, 60_000), units =>
            Assert.Equal(R("0.0001"), VenueProfiles.Binance.FundingRule.FromPremium(Rate.FromUnits(units)).Rate));
    }

    [Theory]
    [InlineData("-0.00040001", "0.00009999")]
    [InlineData("0.00060001", "0.00010001")]
    [InlineData("0.003", "0.0025")]
    [InlineData("0.02", "0.0075")] // capped at +0.75%
    [InlineData("-0.02", "-0.0075")] // floored at −0.75%
    public void BinanceFundingFaq_BeyondTheDeadBand_PremiumPlusClampedInterest_Capped(string premium, string expected)
    {
        Assert.Equal(R(expected), VenueProfiles.Binance.FundingRule.FromPremium(R(premium)).Rate);
    }

    [Fact]
    public void BinanceFundingFaq_PremiumIndex_ImpactPricesAgainstMark_OverIndex()
    {
        // P = [max(0, impact bid − mark) − max(0, mark − impact ask)] ÷ index: bid 10,010 over mark 10,000, index 10,000 → 0.1%.
        var rule = VenueProfiles.Binance.FundingRule;
        Assert.Equal(R("0.001"), rule.Premium(new(P("10000"), P("10000"), P("10010"), P("10020"))));
        Assert.Equal(R("-0.002"), rule.Premium(new(P("10000"), P("10000"), P("9970"), P("9980"))));
        Assert.Equal(Rate.Zero, rule.Premium(new(P("10000"), P("10000"), P("9990"), P("10010"))));
        var result = rule.Compute([new(P("10000"), P("10000"), P("10010"), P("10020")), new(P("10000"), P("10000"), P("9990"), P("10010"))]);
        Assert.Equal(R("0.0005"), result.AveragePremium);
        Assert.Equal(R("0.0001"), result.Rate); // I − P = −0.04%, inside the dead band: F = I
    }

    [Fact]
    public void HyperliquidFunding_ImpactBid10100_Oracle10000_Premium1Percent_F8h0_95Percent_Hourly118_75For10Btc()
    {
        // Vector 21: premium 1%; clamp(0.01% − 1%) = −0.05%; F = 0.95% (8 h); own arithmetic: 10 × 10,000 × 0.95% ÷ 8 = 118.75.
        var rule = (HyperliquidFundingRule)VenueProfiles.Hyperliquid.FundingRule;
        var sample = new FundingSample(Index: P("10000"), Mark: P("10050"), ImpactBid: P("10100"), ImpactAsk: P("10110"));
        Assert.Equal(R("0.01"), rule.Premium(sample));
        Assert.Equal(R("0.0095"), rule.EightHourRate(R("0.01")));
        var result = rule.Compute([sample]);
        Assert.Equal(R("0.0011875"), result.Rate);
        Assert.Equal(TimeSpan.FromHours(1), rule.Interval);
        Assert.Equal(FundingPriceBasis.Index, rule.PaymentPrice);
        var oracle = rule.PriceForPayment(mark: P("10050"), index: P("10000"));
        Assert.Equal(P("10000"), oracle);
        Assert.Equal(M("118.75"), rule.Payment(ContractSpec.Linear(), PositionSide.Long, Q("10"), oracle, result.Rate));
        Assert.Equal(M("-118.75"), rule.Payment(ContractSpec.Linear(), PositionSide.Short, Q("10"), oracle, result.Rate));
    }

    [Fact]
    public void HyperliquidFunding_CappedAt4PercentAnHour()
    {
        var rule = VenueProfiles.Hyperliquid.FundingRule;
        Assert.Equal(R("0.04"), rule.FromPremium(R("0.5")).Rate);
        Assert.Equal(R("-0.04"), rule.FromPremium(R("-0.5")).Rate);
        Assert.True(rule.FromPremium(R("0.5")).Capped);
    }

    [Fact]
    public void DydxFunding_Imf5Percent_Mmf3Percent_EightHourCap12Percent()
    {
        // Vector 27: 600% × (5% − 3%) = 12%; hourly cap 1.5%.
        var rule = (DydxFundingRule)VenueProfiles.Dydx.FundingRule;
        Assert.Equal(R("0.05"), rule.InitialMarginFraction);
        Assert.Equal(R("0.03"), rule.MaintenanceMarginFraction);
        Assert.Equal(R("0.12"), rule.EightHourCap);
        Assert.Equal(R("0.015"), rule.HourlyCap);
        Assert.Equal(R("0.015"), rule.FromPremium(R("0.5")).Rate);
        Assert.Equal(R("-0.015"), rule.FromPremium(R("-0.5")).Rate);
    }

    [Fact]
    public void DydxFunding_HourlyRate_PremiumOverEight_PlusInterest()
    {
        // Impact bid 10,080 over index 10,000 → premium 0.8% → hourly 0.1%.
        var rule = VenueProfiles.Dydx.FundingRule;
        var result = rule.Compute([new(P("10000"), P("10000"), P("10080"), P("10090"))]);
        Assert.Equal(R("0.008"), result.AveragePremium);
        Assert.Equal(R("0.001"), result.Rate);
        Assert.Equal(R("0.00110001"), (((DydxFundingRule)rule) with { Interest = R("0.00010001") }).FromPremium(R("0.008")).Rate);
    }

    [Fact]
    public void DeribitFundingSpecifications_DeadBand0_025Percent_PaymentProRataOver8h()
    {
        // rate = min(cap, max(floor, max(0.025%, P) + min(−0.025%, P))); own arithmetic on the published formula.
        var rule = new DeribitFundingRule(R("-0.005"), R("0.005"), DeribitFundingRule.PublishedDeadBand);
        Assert.Equal(R("0.001"), rule.Premium(new(P("10000"), P("10010"), Price.Zero, Price.Zero)));
        Assert.Equal(R("0.00075"), rule.FromPremium(R("0.001")).Rate);
        Assert.Equal(Rate.Zero, rule.FromPremium(R("0.00025")).Rate);
        Assert.Equal(Rate.Zero, rule.FromPremium(R("-0.0002")).Rate);
        Assert.Equal(R("-0.00075"), rule.FromPremium(R("-0.001")).Rate);
        Assert.Equal(R("0.005"), rule.FromPremium(R("0.1")).Rate);
        // 1 BTC_USDC long at 100,000, 0.08% per 8 h, for 1 hour: 100,000 × 0.08% ÷ 8 = 10 USDC.
        Assert.Equal(M("10"), rule.Payment(ContractSpec.Linear(), PositionSide.Long, Q("1"), P("100000"), R("0.0008"), TimeSpan.FromHours(1)));
    }

    [Fact]
    public void BitmexGuide_Funding1Percent_On100XbtLong_Pays1Xbt()
    {
        // Reference §5.3: a long worth 100 XBT (10,000 one-dollar contracts at 100 USD) pays 1 XBT at 1%.
        var rule = VenueProfiles.Ringfence.FundingRule;
        Assert.Equal(M("1"), rule.Payment(ContractSpec.Inverse(Q("1")), PositionSide.Long, Q("10000"), P("100"), R("0.01")));
        Assert.Equal(M("-1"), rule.Payment(ContractSpec.Inverse(Q("1")), PositionSide.Short, Q("10000"), P("100"), R("0.01")));
    }

    [Fact]
    public void BinanceFundingFaq_FundingAmount_NotionalAtMark_TimesRate_LongsPayWhenPositive()
    {
        // Funding Amount = Mark Price × size × Funding Rate: 2 BTC at mark 30,000, 0.01% → 6 USDT.
        var rule = VenueProfiles.Binance.FundingRule;
        Assert.Equal(FundingPriceBasis.Mark, rule.PaymentPrice);
        var mark = rule.PriceForPayment(mark: P("30000"), index: P("29990"));
        Assert.Equal(M("6"), rule.Payment(ContractSpec.Linear(), PositionSide.Long, Q("2"), mark, R("0.0001")));
        Assert.Equal(M("-6"), rule.Payment(ContractSpec.Linear(), PositionSide.Long, Q("2"), mark, R("-0.0001")));
        Assert.Equal(M("6"), rule.Payment(ContractSpec.Linear(), PositionSide.Short, Q("2"), mark, R("-0.0001")));
    }
}
