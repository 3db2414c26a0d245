using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Numerics;

/// <summary>Money × rate, money ÷ leverage, money ÷ money, 1 ÷ leverage and notional ÷ margin each round once, as told.</summary>
public sealed class MoneyAndRateRoundingTests
{
    private static Gen<long> Amounts => Draw.SpreadBetween(0, 10_000_000_000_000_000).Zip(Draw.Sign, (u, s) => u * s);

    private static Gen<long> Rates => Draw.SpreadBetween(0, 2 * FixedPoint.Scale).Zip(Draw.Sign, (u, s) => u * s);

    private static Gen<long> Leverages => Draw.Between(1_000_000, 200 * FixedPoint.Scale);

    [Fact]
    public void MultiplyBy_a_rate_is_the_floor_or_ceiling_of_the_exact_product()
    {
        PropertyCases.Verify(Amounts.Zip(Rates), t =>
        {
            var (money, rate) = (Money.FromUnits(t.Item1), Rate.FromUnits(t.Item2));
            var exact = Fraction.Of(money) * Fraction.Of(rate);
            AssertFloorAndCeiling(exact, money.MultiplyBy(rate, Rounding.Down).Units, money.MultiplyBy(rate, Rounding.Up).Units);
        });
    }

    [Fact]
    public void DivideBy_a_leverage_is_the_floor_or_ceiling_of_the_exact_quotient()
    {
        PropertyCases.Verify(Amounts.Zip(Leverages), t =>
        {
            var (money, leverage) = (Money.FromUnits(t.Item1), Leverage.FromUnits(t.Item2));
            var exact = Fraction.Of(money) / Fraction.Of(leverage);
            AssertFloorAndCeiling(exact, money.DivideBy(leverage, Rounding.Down).Units, money.DivideBy(leverage, Rounding.Up).Units);
        });
    }

    [Fact]
    public void RatioTo_is_the_floor_or_ceiling_of_the_exact_ratio()
    {
        var cases = Amounts.Zip(Amounts.Where(a => a != 0)).Where(t => Math.Abs((double)t.Item1 / t.Item2) < 1e9);
        PropertyCases.Verify(cases, t =>
        {
            var (numerator, denominator) = (Money.FromUnits(t.Item1), Money.FromUnits(t.Item2));
            var exact = Fraction.Of(numerator) / Fraction.Of(denominator);
            AssertFloorAndCeiling(exact, numerator.RatioTo(denominator, Rounding.Down).Units, numerator.RatioTo(denominator, Rounding.Up).Units);
        });
    }

    [Fact]
    public void Rate_FromLeverage_is_one_over_the_leverage_rounded_as_told()
    {
        PropertyCases.Verify(Leverages, units =>
        {
            var leverage = Leverage.FromUnits(units);
            var exact = Fraction.Whole(1) / Fraction.Of(leverage);
            AssertFloorAndCeiling(exact, Rate.FromLeverage(leverage, Rounding.Down).Units, Rate.FromLeverage(leverage, Rounding.Up).Units);
        });
    }

    [Fact]
    public void Leverage_Of_is_notional_over_margin_rounded_as_told()
    {
        var cases = Draw.Between(1, 1_000_000_000 * FixedPoint.Scale).Zip(Draw.Between(1_000_000, 1_000_000_000 * FixedPoint.Scale));
        PropertyCases.Verify(cases, t =>
        {
            var (notional, margin) = (Money.FromUnits(t.Item1), Money.FromUnits(t.Item2));
            var exact = Fraction.Of(notional) / Fraction.Of(margin);
            AssertFloorAndCeiling(exact, Leverage.Of(notional, margin, Rounding.Down).Units, Leverage.Of(notional, margin, Rounding.Up).Units);
        });
    }

    [Theory]
    [InlineData("100", "0.005", "0.5", "0.5")]
    [InlineData("0.00000001", "0.5", "0", "0.00000001")]
    [InlineData("-0.00000001", "0.5", "-0.00000001", "0")]
    [InlineData("-3", "0.33333333", "-0.99999999", "-0.99999999")]
    [InlineData("1", "-0.000000001e1", "-0.00000001", "-0.00000001")]
    public void MultiplyBy_rounds_toward_minus_and_plus_infinity(string money, string rate, string down, string up)
    {
        Assert.Equal(Money.Parse(down), Money.Parse(money).MultiplyBy(Rate.Parse(rate), Rounding.Down));
        Assert.Equal(Money.Parse(up), Money.Parse(money).MultiplyBy(Rate.Parse(rate), Rounding.Up));
    }

    [Fact]
    public void FromLeverage_of_three_is_a_third_rounded_each_way()
    {
        Assert.Equal(Rate.Parse("0.33333333"), Rate.FromLeverage(Leverage.FromWhole(3), Rounding.Down));
        Assert.Equal(Rate.Parse("0.33333334"), Rate.FromLeverage(Leverage.FromWhole(3), Rounding.Up));
        Assert.Equal(Rate.Parse("0.02"), Rate.FromLeverage(Leverage.FromWhole(50), Rounding.Up));
    }

    private static void AssertFloorAndCeiling(Fraction exact, long down, long up)
    {
        Assert.Equal(exact.FloorUnits(), down);
        Assert.Equal(exact.CeilingUnits(), up);
        Assert.True(Fraction.FromUnits(down) <= exact && exact <= Fraction.FromUnits(up));
        Assert.Equal(exact.FloorUnits() == exact.CeilingUnits() ? 0 : 1, up - down);
    }
}
