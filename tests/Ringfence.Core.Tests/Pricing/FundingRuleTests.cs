using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pricing;
using static Ringfence.Core.Tests.Margin.PublishedExamples.Examples;

namespace Ringfence.Core.Tests.Pricing;

/// <summary>Funding rules: within their cap for any premium, clamped as published, premiums and payments exact and rounded as stated.</summary>
public sealed class FundingRuleTests
{
    private static readonly Gen<Rate> AnyPremium =
        Gen.Frequency(
            (3, Draw.Between(-100_000, 100_000)),
            (2, Draw.Between(-10_000_000, 10_000_000)),
            (1, Draw.Between(-1_000_000_000, 1_000_000_000))).Select(Rate.FromUnits);

    private static readonly Gen<FundingRule> AnyRule =
        Gen.OneOf(
            from interest in Draw.Between(0, 100_000)
            from band in Draw.Between(0, 200_000)
            from cap in Draw.Between(0, 3_000_000)
            from hours in Gen.Elements(1, 4, 8)
            select (FundingRule)new BinanceFundingRule(Rate.FromUnits(interest), Rate.FromUnits(band), Rate.FromUnits(cap), TimeSpan.FromHours(hours)),
            from interest in Draw.Between(0, 100_000)
            from band in Draw.Between(0, 200_000)
            from cap in Draw.Between(0, 8_000_000)
            select (FundingRule)new HyperliquidFundingRule(Rate.FromUnits(interest), Rate.FromUnits(band), Rate.FromUnits(cap)),
            from mmf in Draw.Between(0, 20_000_000)
            from spread in Draw.Between(0, 20_000_000)
            from interest in Draw.Between(-10_000, 10_000)
            select (FundingRule)new DydxFundingRule(Rate.FromUnits(mmf + spread), Rate.FromUnits(mmf), Rate.FromUnits(interest)),
            from floor in Draw.Between(-5_000_000, 0)
            from cap in Draw.Between(0, 5_000_000)
            from band in Draw.Between(0, 100_000)
            select (FundingRule)new DeribitFundingRule(Rate.FromUnits(floor), Rate.FromUnits(cap), Rate.FromUnits(band)));

    [Fact]
    public void Funding_is_within_its_cap_for_any_premium()
    {
        PropertyCases.Verify(from rule in AnyRule from premium in AnyPremium select (rule, premium), c =>
        {
            var result = c.rule.FromPremium(c.premium);
            var (low, high) = c.rule switch
            {
                BinanceFundingRule b => (-b.Cap, b.Cap),
                HyperliquidFundingRule h => (-h.HourlyCap, h.HourlyCap),
                DydxFundingRule d => (-d.HourlyCap, d.HourlyCap),
                DeribitFundingRule d => (d.MinCap, d.MaxCap),
                _ => throw new InvalidOperationException(c.rule.ToString()),
            };
            Assert.True(result.Rate >= low && result.Rate <= high, $"{result.Rate} outside [{low}, {high}]");
            Assert.Equal(c.premium, result.AveragePremium);
            Assert.Equal(result.Uncapped < low ? low : result.Uncapped > high ? high : result.Uncapped, result.Rate);
        });
    }

    [Fact]
    public void Binance_clamp_equals_the_interest_inside_the_dead_band_and_the_premium_plus_or_minus_the_band_beyond_it()
    {
        var rule = BinanceFundingRule.Default;
        PropertyCases.Verify(AnyPremium, premium =>
        {
            var uncapped = rule.FromPremium(premium).Uncapped;
            var gap = rule.Interest - premium;
            Assert.True((uncapped - premium).Abs() <= rule.ClampBand, $"|F − P| = {(uncapped - premium).Abs()} beyond the clamp");
            if (gap.Abs() <= rule.ClampBand)
            {
                Assert.Equal(rule.Interest, uncapped);
            }
            else
            {
                Assert.Equal(gap.IsPositive ? premium + rule.ClampBand : premium - rule.ClampBand, uncapped);
                // Beyond the dead band, F lies exactly |I − P| − 0.05% from I, on the premium's side.
                Assert.Equal(gap.Abs() - rule.ClampBand, (uncapped - rule.Interest).Abs());
            }
        });
    }

    [Fact]
    public void Hyperliquid_hourly_rate_is_the_eight_hour_rate_over_eight_rounded_down_then_capped()
    {
        var rule = HyperliquidFundingRule.Default;
        PropertyCases.Verify(AnyPremium, premium =>
        {
            var eightHour = rule.EightHourRate(premium);
            var gap = rule.Interest - premium;
            Assert.Equal(premium + (gap.Abs() <= rule.ClampBand ? gap : gap.IsPositive ? rule.ClampBand : -rule.ClampBand), eightHour);
            var hourly = (Fraction.Of(eightHour) / Fraction.Whole(8)).FloorUnits();
            Assert.Equal((long)hourly, rule.FromPremium(premium).Uncapped.Units);
        });
    }

    [Fact]
    public void Dydx_hourly_rate_is_the_premium_over_eight_rounded_down_plus_interest()
    {
        PropertyCases.Verify(from premium in AnyPremium from interest in Draw.Between(-10_000, 10_000) select (premium, interest), c =>
        {
            var rule = DydxFundingRule.Default with { Interest = Rate.FromUnits(c.interest) };
            var expected = (Fraction.Of(c.premium) / Fraction.Whole(8)).FloorUnits() + c.interest;
            Assert.Equal((long)expected, rule.FromPremium(c.premium).Uncapped.Units);
        });
    }

    [Fact]
    public void Premiums_are_the_exact_ratios_rounded_down_and_their_average_the_exact_mean_rounded_down()
    {
        var samples =
            from index in Draw.SpreadBetween(1_000, 10_000_000_000_000)
            from offsets in Draw.Between(-50_000, 50_000).ArrayOf(3)
            let at = (Func<long, Price>)(o => Price.FromUnits(index + (long)((Int128)index * o / 1_000_000)))
            select new FundingSample(Price.FromUnits(index), at(offsets[0]), at(offsets[1]), at(offsets[1] + Math.Abs(offsets[2])));
        PropertyCases.Verify(from rule in AnyRule from count in Gen.Choose(1, 6) from list in samples.ArrayOf(count) select (rule, list), c =>
        {
            var exact = c.list.Select(s => ExactPremium(c.rule, s)).ToArray();
            for (var i = 0; i < c.list.Length; i++)
            {
                Assert.Equal(exact[i].FloorUnits(), c.rule.Premium(c.list[i]).Units);
            }

            var mean = exact.Select(e => Fraction.FromUnits(e.FloorUnits())).Aggregate(Fraction.Zero, (a, b) => a + b) / Fraction.Whole(c.list.Length);
            Assert.Equal(mean.FloorUnits(), c.rule.AveragePremium(c.list).Units);
            Assert.Equal(c.rule.FromPremium(c.rule.AveragePremium(c.list)), c.rule.Compute(c.list));
        });
    }

    [Fact]
    public void A_payment_is_the_notional_times_the_rate_pro_rata_rounded_up_for_the_payer_and_down_for_the_receiver()
    {
        var cases =
            from rule in AnyRule
            from inverse in Gen.Elements(false, true)
            from size in Gen.Elements(1L, 1_000_000L, 100 * FixedPoint.Scale)
            from quantity in Draw.SpreadBetween(0, 1_000_000_000_000)
            from price in Draw.SpreadBetween(1_000, 10_000_000_000_000)
            from rate in Draw.Between(-5_000_000, 5_000_000)
            from minutes in Gen.Choose(0, 600)
            from side in Gen.Elements(PositionSide.Long, PositionSide.Short)
            select (rule, Contract: inverse ? ContractSpec.Inverse(Quantity.FromUnits(size)) : ContractSpec.Linear(Quantity.FromUnits(size)),
                    Quantity: Quantity.FromUnits(quantity), Price: Price.FromUnits(price), Rate: Rate.FromUnits(rate), Period: TimeSpan.FromMinutes(minutes), side);
        PropertyCases.Verify(cases, c =>
        {
            var payment = c.rule.Payment(c.Contract, c.side, c.Quantity, c.Price, c.Rate, c.Period);
            var sized = Fraction.Of(c.Quantity) * Fraction.Of(c.Contract.Size);
            var notional = c.Contract.Type == ContractType.Linear ? sized * Fraction.Of(c.Price) : sized / Fraction.Of(c.Price);
            var amount = notional * Fraction.Of(c.Rate.Abs()) * Fraction.Of(c.Period.Ticks, c.rule.Interval.Ticks);
            var pays = c.Rate.IsPositive ? c.side == PositionSide.Long : c.Rate.IsNegative && c.side == PositionSide.Short;
            if (pays)
            {
                Assert.Equal(amount.CeilingUnits(), payment.Units);
            }
            else
            {
                Assert.Equal(-amount.FloorUnits(), payment.Units);
            }

            Assert.Equal(c.rule.Payment(c.Contract, c.side, c.Quantity, c.Price, c.Rate, c.rule.Interval), c.rule.Payment(c.Contract, c.side, c.Quantity, c.Price, c.Rate));
        });
    }

    [Fact]
    public void Invalid_rules_and_inputs_are_errors()
    {
        Assert.Throws<InvalidOperationException>(() => (BinanceFundingRule.Default with { Cap = R("-0.01") }).FromPremium(Rate.Zero));
        Assert.Throws<InvalidOperationException>(() => (DydxFundingRule.Default with { MaintenanceMarginFraction = R("0.06") }).FromPremium(Rate.Zero));
        Assert.Throws<InvalidOperationException>(() => new DeribitFundingRule(R("0.01"), R("-0.01"), Rate.Zero).FromPremium(Rate.Zero));
        Assert.Throws<InvalidOperationException>(() => (BinanceFundingRule.Default with { Interval = TimeSpan.Zero }).Payment(ContractSpec.Linear(), PositionSide.Long, Q("1"), P("1"), R("0.01")));
        Assert.Throws<ArgumentException>(() => BinanceFundingRule.Default.Compute([]));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinanceFundingRule.Default.Premium(new(Price.Zero, P("1"), P("1"), P("1"))));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinanceFundingRule.Default.Payment(ContractSpec.Linear(), PositionSide.Long, Q("1"), Price.Zero, R("0.01")));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinanceFundingRule.Default.Payment(ContractSpec.Linear(), PositionSide.Long, Q("-1"), P("1"), R("0.01")));
        Assert.Throws<ArgumentOutOfRangeException>(() => BinanceFundingRule.Default.Payment(ContractSpec.Linear(), PositionSide.Long, Q("1"), P("1"), R("0.01"), TimeSpan.FromHours(-1)));
    }

    private static Fraction ExactPremium(FundingRule rule, FundingSample sample)
    {
        var index = Fraction.Of(sample.Index);
        var reference = rule is BinanceFundingRule ? Fraction.Of(sample.Mark) : index;
        if (rule is DeribitFundingRule)
        {
            return (Fraction.Of(sample.Mark) - index) / index;
        }

        var above = Fraction.Max(Fraction.Zero, Fraction.Of(sample.ImpactBid) - reference);
        var below = Fraction.Max(Fraction.Zero, reference - Fraction.Of(sample.ImpactAsk));
        return (above - below) / index;
    }
}
