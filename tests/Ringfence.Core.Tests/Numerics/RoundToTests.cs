using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Numerics;

/// <summary>RoundTo a tick (or any positive step) for negative and positive values.</summary>
public sealed class RoundToTests
{
    [Fact]
    public void RoundTo_gives_the_nearest_multiples_below_and_above()
    {
        var cases =
            from value in Draw.SpreadBetween(0, FixedPoint.MaxUnits / 2).Zip(Draw.Sign, (u, s) => u * s)
            from step in Gen.OneOf(Gen.Elements(1L, 1_000_000L, 10_000_000L, 50_000_000L, 100_000_000L), Draw.SpreadBetween(1, 1_000_000_000_000))
            select (value, step);
        PropertyCases.Verify(cases, t =>
        {
            var price = Price.FromUnits(t.value);
            var tick = Price.FromUnits(t.step);
            var down = price.RoundTo(tick, Rounding.Down);
            var up = price.RoundTo(tick, Rounding.Up);
            var quotient = Fraction.Of(t.value, t.step);
            Assert.Equal(quotient.Floor() * t.step, down.Units);
            Assert.Equal(quotient.Ceiling() * t.step, up.Units);
            Assert.True(down <= price && price <= up);
            Assert.Equal(t.value % t.step == 0 ? 0 : t.step, up.Units - down.Units);
        });
    }

    [Theory]
    [InlineData("1.25", "0.5", "1", "1.5")]
    [InlineData("-1.25", "0.5", "-1.5", "-1")]
    [InlineData("-0.25", "0.5", "-0.5", "0")]
    [InlineData("0.25", "0.5", "0", "0.5")]
    [InlineData("-2", "0.5", "-2", "-2")]
    [InlineData("19699.999", "0.01", "19699.99", "19700")]
    [InlineData("-19699.999", "0.01", "-19700", "-19699.99")]
    [InlineData("7", "3", "6", "9")]
    [InlineData("-7", "3", "-9", "-6")]
    public void RoundTo_a_tick_rounds_toward_minus_and_plus_infinity(string value, string tick, string down, string up)
    {
        Assert.Equal(Price.Parse(down), Price.Parse(value).RoundTo(Price.Parse(tick), Rounding.Down));
        Assert.Equal(Price.Parse(up), Price.Parse(value).RoundTo(Price.Parse(tick), Rounding.Up));
        Assert.Equal(Money.Parse(down), Money.Parse(value).RoundTo(Money.Parse(tick), Rounding.Down));
        Assert.Equal(Quantity.Parse(up), Quantity.Parse(value).RoundTo(Quantity.Parse(tick), Rounding.Up));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-0.01")]
    public void RoundTo_a_step_that_is_not_positive_throws(string step)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => Price.Parse("1").RoundTo(Price.Parse(step), Rounding.Up));
        Assert.Throws<ArgumentOutOfRangeException>(() => Rate.Parse("1").RoundTo(Rate.Parse(step), Rounding.Down));
    }
}
