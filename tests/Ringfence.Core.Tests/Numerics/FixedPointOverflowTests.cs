using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Numerics;

/// <summary>Arithmetic that leaves ±92233720368.54775807 throws <see cref="OverflowException"/>; it never wraps.</summary>
public sealed class FixedPointOverflowTests
{
    private const long Max = FixedPoint.MaxUnits;

    /// <summary>Units near either limit about as often as anywhere else.</summary>
    private static Gen<long> Units => Gen.OneOf(
        Draw.Between(-Max, Max),
        Draw.Between(Max - 1_000, Max),
        Draw.Between(-Max, -Max + 1_000),
        Draw.SpreadBetween(0, Max).Zip(Draw.Sign, (u, s) => u * s));

    [Fact]
    public void Sums_and_differences_are_exact_or_throw()
    {
        PropertyCases.Verify(Units.Two(), pair =>
        {
            var (a, b) = pair;
            AssertExactOrOverflow((Int128)a + b, () => (Money.FromUnits(a) + Money.FromUnits(b)).Units);
            AssertExactOrOverflow((Int128)a - b, () => (Money.FromUnits(a) - Money.FromUnits(b)).Units);
            AssertExactOrOverflow((Int128)a + b, () => (Price.FromUnits(a) + Price.FromUnits(b)).Units);
            AssertExactOrOverflow((Int128)a - b, () => (Quantity.FromUnits(a) - Quantity.FromUnits(b)).Units);
            AssertExactOrOverflow((Int128)a + b, () => (Rate.FromUnits(a) + Rate.FromUnits(b)).Units);
            AssertExactOrOverflow((Int128)a - b, () => (Leverage.FromUnits(a) - Leverage.FromUnits(b)).Units);
        });
    }

    [Fact]
    public void Products_and_quotients_of_money_are_exact_to_the_rounding_or_throw()
    {
        var cases = from money in Units from factor in Units.Where(u => u != 0) select (money, factor);
        PropertyCases.Verify(cases, t =>
        {
            var product = Fraction.FromUnits(t.money) * Fraction.FromUnits(t.factor);
            AssertExactOrOverflow(product.CeilingUnits(), () => Money.FromUnits(t.money).MultiplyBy(Rate.FromUnits(t.factor), Rounding.Up).Units);
            var quotient = Fraction.FromUnits(t.money) / Fraction.FromUnits(t.factor);
            AssertExactOrOverflow(quotient.FloorUnits(), () => Money.FromUnits(t.money).DivideBy(Leverage.FromUnits(t.factor), Rounding.Down).Units);
            AssertExactOrOverflow(quotient.CeilingUnits(), () => Money.FromUnits(t.money).RatioTo(Money.FromUnits(t.factor), Rounding.Up).Units);
        });
    }

    [Fact]
    public void Addition_and_subtraction_at_the_limits_throw()
    {
        var max = Money.FromUnits(Max);
        var unit = Money.FromUnits(1);
        Assert.Throws<OverflowException>(() => max + unit);
        Assert.Throws<OverflowException>(() => -max - unit);
        Assert.Throws<OverflowException>(() => max - -unit);
        Assert.Equal(Money.Zero, max - max);
        Assert.Equal(-max, -max + Money.Zero);
        Assert.Throws<OverflowException>(() => Price.FromUnits(Max) + Price.FromUnits(1));
        Assert.Throws<OverflowException>(() => Quantity.FromUnits(-Max) - Quantity.FromUnits(1));
        Assert.Throws<OverflowException>(() => Rate.FromUnits(Max) + Rate.FromUnits(Max));
        Assert.Throws<OverflowException>(() => Leverage.FromUnits(-Max) + Leverage.FromUnits(-Max));
    }

    [Theory]
    [InlineData(92_233_720_368, false)]
    [InlineData(-92_233_720_368, false)]
    [InlineData(92_233_720_369, true)]
    [InlineData(-92_233_720_369, true)]
    [InlineData(long.MaxValue, true)]
    [InlineData(long.MinValue, true)]
    public void FromWhole_accepts_the_range_and_throws_beyond_it(long whole, bool overflows)
    {
        Func<long>[] creators =
        [
            () => Price.FromWhole(whole).Units, () => Quantity.FromWhole(whole).Units, () => Money.FromWhole(whole).Units,
            () => Rate.FromWhole(whole).Units, () => Leverage.FromWhole(whole).Units,
        ];
        foreach (var create in creators)
        {
            if (overflows)
            {
                Assert.Throws<OverflowException>(() => create());
            }
            else
            {
                Assert.Equal(whole * FixedPoint.Scale, create());
            }
        }
    }

    [Fact]
    public void Multiplying_dividing_and_rounding_near_the_limit_throw()
    {
        var max = Money.FromUnits(Max);
        Assert.Throws<OverflowException>(() => max.MultiplyBy(Rate.Parse("1.00000001"), Rounding.Down));
        Assert.Throws<OverflowException>(() => max.DivideBy(Leverage.Parse("0.99999999"), Rounding.Down));
        Assert.Throws<OverflowException>(() => max.RatioTo(Money.Parse("0.5"), Rounding.Down));
        Assert.Equal(max, max.MultiplyBy(Rate.One, Rounding.Up));
        Assert.Throws<OverflowException>(() => Price.FromUnits(Max).RoundTo(Price.FromWhole(1), Rounding.Up));
        Assert.Throws<OverflowException>(() => Price.FromUnits(-Max).RoundTo(Price.FromWhole(1), Rounding.Down));
        Assert.Equal(92_233_720_368 * FixedPoint.Scale, Price.FromUnits(Max).RoundTo(Price.FromWhole(1), Rounding.Down).Units);
        Assert.Throws<OverflowException>(() => Leverage.Of(max, Money.FromUnits(1), Rounding.Up));
        Assert.Throws<OverflowException>(() => Price.FromUnits(Max).RoundTo(Price.FromUnits(3), Rounding.Up)); // Max ≡ 1 (mod 3)
        Assert.Equal(Max - 1, Price.FromUnits(Max).RoundTo(Price.FromUnits(3), Rounding.Down).Units);
    }

    [Fact]
    public void No_value_holds_the_unnegatable_minimum()
    {
        // The range is symmetric so that negation and Abs never overflow; the one 64-bit value outside it is refused.
        Assert.Throws<OverflowException>(() => Price.FromUnits(long.MinValue));
        Assert.Throws<OverflowException>(() => Quantity.FromUnits(long.MinValue));
        Assert.Throws<OverflowException>(() => Money.FromUnits(long.MinValue));
        Assert.Throws<OverflowException>(() => Rate.FromUnits(long.MinValue));
        Assert.Throws<OverflowException>(() => Leverage.FromUnits(long.MinValue));
        Assert.Equal(Max, (-Money.FromUnits(-Max)).Units);
        Assert.Equal(Max, Money.FromUnits(-Max).Abs().Units);
    }

    private static void AssertExactOrOverflow(System.Numerics.BigInteger expected, Func<long> compute)
    {
        if (System.Numerics.BigInteger.Abs(expected) > Max)
        {
            Assert.Throws<OverflowException>(() => compute());
        }
        else
        {
            Assert.Equal(expected, compute());
        }
    }

    private static void AssertExactOrOverflow(Int128 expected, Func<long> compute) =>
        AssertExactOrOverflow((System.Numerics.BigInteger)expected, compute);
}
