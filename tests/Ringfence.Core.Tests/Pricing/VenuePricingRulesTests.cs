using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pricing;
using static Ringfence.Core.Tests.Margin.PublishedExamples.Examples;

namespace Ringfence.Core.Tests.Pricing;

/// <summary>Every shipped venue profile carries its funding and mark price rules.</summary>
public sealed class VenuePricingRulesTests
{
    [Fact]
    public void Binance_form_serves_binance_bybit_okx_and_ringfence()
    {
        foreach (var profile in new[] { VenueProfiles.Binance, VenueProfiles.Bybit, VenueProfiles.BybitUnified, VenueProfiles.Okx, VenueProfiles.Ringfence })
        {
            var funding = Assert.IsType<BinanceFundingRule>(profile.FundingRule);
            Assert.Equal(R("0.0001"), funding.Interest);
            Assert.Equal(R("0.0005"), funding.ClampBand);
            Assert.Equal(R("0.0075"), funding.Cap);
            Assert.Equal(TimeSpan.FromHours(8), funding.Interval);
            Assert.Equal(FundingPriceBasis.Mark, funding.PaymentPrice);
            var mark = Assert.IsType<FundingBasisMarkPrice>(profile.MarkPriceRule);
            Assert.Equal(funding.Interval, mark.FundingInterval);
        }

        Assert.Null(VenueProfiles.Binance.MarkPriceRule.Band);
        Assert.Equal(R("0.01"), VenueProfiles.Ringfence.MarkPriceRule.Band);
    }

    [Fact]
    public void Hyperliquid_pays_hourly_at_the_oracle_and_marks_by_a_moving_average_basis()
    {
        var funding = Assert.IsType<HyperliquidFundingRule>(VenueProfiles.Hyperliquid.FundingRule);
        Assert.Equal(HyperliquidFundingRule.Default, funding);
        Assert.Equal(R("0.04"), funding.HourlyCap);
        Assert.Equal(TimeSpan.FromHours(1), funding.Interval);
        Assert.Equal(FundingPriceBasis.Index, funding.PaymentPrice);
        Assert.Equal(150, Assert.IsType<MovingAverageBasisMarkPrice>(VenueProfiles.Hyperliquid.MarkPriceRule).Samples);
    }

    [Fact]
    public void Dydx_pays_hourly_at_the_oracle_and_marks_at_the_oracle()
    {
        var funding = Assert.IsType<DydxFundingRule>(VenueProfiles.Dydx.FundingRule);
        Assert.Equal(TimeSpan.FromHours(1), funding.Interval);
        Assert.Equal(FundingPriceBasis.Index, funding.PaymentPrice);
        Assert.Equal(Rate.Zero, funding.Interest);
        Assert.IsType<IndexMarkPrice>(VenueProfiles.Dydx.MarkPriceRule);
    }

    [Fact]
    public void Every_profile_has_rules_that_explain_themselves()
    {
        Assert.All(VenueProfiles.All, p =>
        {
            Assert.False(string.IsNullOrWhiteSpace(p.FundingRule.Formula));
            Assert.False(string.IsNullOrWhiteSpace(p.MarkPriceRule.Formula));
            Assert.Equal(P("100"), p.MarkPriceRule.Mark(new(P("100"))));
        });
    }

    [Fact]
    public void A_profile_built_without_rules_gets_the_defaults()
    {
        var profile = new VenueProfile("x", "X", MaintenanceValuation.AtMark, CloseFee.None, MarginRatioConvention.MaintenanceOverEquity, Rate.Zero, false, "test");
        Assert.Equal(BinanceFundingRule.Default, profile.FundingRule);
        Assert.Equal(new FundingBasisMarkPrice(TimeSpan.FromHours(8)), profile.MarkPriceRule);
    }
}
