using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Numerics;

/// <summary>MulDiv and Divide round once, in the stated direction, for every sign combination (BigInteger oracle).</summary>
public sealed class FixedPointDivisionTests
{
    private static readonly BigInteger Int128Max = (BigInteger)Int128.MaxValue;
    private static readonly BigInteger Int128Min = (BigInteger)Int128.MinValue;

    private static Gen<Int128> NonZero => Draw.Int128.Where(c => c != 0);

    [Fact]
    public void MulDiv_rounds_the_exact_quotient_down_and_up_by_at_most_one_unit()
    {
        var cases = from a in Draw.Int128 from b in Draw.Int128 from c in NonZero select (a, b, c);
        PropertyCases.Verify(cases, t =>
        {
            var exact = Fraction.Of((BigInteger)t.a * t.b, t.c);
            AssertRoundedOnce(exact, () => FixedPoint.MulDiv(t.a, t.b, t.c, Rounding.Down), () => FixedPoint.MulDiv(t.a, t.b, t.c, Rounding.Up));
        });
    }

    [Fact]
    public void Divide_rounds_the_exact_quotient_down_and_up_by_at_most_one_unit()
    {
        var cases = from n in Draw.Int128 from d in NonZero select (n, d);
        PropertyCases.Verify(cases, t =>
        {
            var exact = Fraction.Of(t.n, t.d);
            AssertRoundedOnce(exact, () => FixedPoint.Divide(t.n, t.d, Rounding.Down), () => FixedPoint.Divide(t.n, t.d, Rounding.Up));
            Assert.Equal(exact.Floor(), FixedPoint.Divide((BigInteger)t.n, (BigInteger)t.d, Rounding.Down));
            Assert.Equal(exact.Ceiling(), FixedPoint.Divide((BigInteger)t.n, (BigInteger)t.d, Rounding.Up));
        });
    }

    [Theory]
    [InlineData(7, 2, 3, 4)]
    [InlineData(-7, 2, -4, -3)]
    [InlineData(7, -2, -4, -3)]
    [InlineData(-7, -2, 3, 4)]
    [InlineData(6, 3, 2, 2)]
    [InlineData(-6, 3, -2, -2)]
    [InlineData(0, -5, 0, 0)]
    [InlineData(1, 3, 0, 1)]
    [InlineData(-1, 3, -1, 0)]
    public void Divide_rounds_toward_minus_and_plus_infinity_for_every_sign(long numerator, long denominator, long down, long up)
    {
        Assert.Equal(down, FixedPoint.Divide(numerator, denominator, Rounding.Down));
        Assert.Equal(up, FixedPoint.Divide(numerator, denominator, Rounding.Up));
        Assert.Equal(down, FixedPoint.MulDiv(numerator, 1, denominator, Rounding.Down));
        Assert.Equal(up, FixedPoint.MulDiv(1, numerator, denominator, Rounding.Up));
    }

    [Fact]
    public void A_quotient_beyond_128_bits_throws_instead_of_wrapping()
    {
        Assert.Throws<OverflowException>(() => FixedPoint.MulDiv(Int128.MaxValue, Int128.MaxValue, 1, Rounding.Down));
        Assert.Throws<OverflowException>(() => FixedPoint.MulDiv(Int128.MinValue, 1, -1, Rounding.Up));
        Assert.Throws<OverflowException>(() => FixedPoint.Divide(Int128.MinValue, -1, Rounding.Down));
        Assert.Equal(Int128.MinValue, FixedPoint.MulDiv(Int128.MinValue, -1, -1, Rounding.Down));
    }

    [Fact]
    public void Division_by_zero_throws()
    {
        Assert.Throws<DivideByZeroException>(() => FixedPoint.MulDiv(1, 1, 0, Rounding.Up));
        Assert.Throws<DivideByZeroException>(() => FixedPoint.Divide(1, (Int128)0, Rounding.Up));
        Assert.Throws<DivideByZeroException>(() => FixedPoint.Divide(BigInteger.One, BigInteger.Zero, Rounding.Down));
    }

    /// <summary>Down is the floor and Up the ceiling of the exact quotient (or both throw when it leaves 128 bits).</summary>
    private static void AssertRoundedOnce(Fraction exact, Func<Int128> down, Func<Int128> up)
    {
        var floor = exact.Floor();
        var ceiling = exact.Ceiling();
        if (floor < Int128Min || floor > Int128Max)
        {
            Assert.Throws<OverflowException>(() => down());
        }
        else
        {
            var rounded = down();
            Assert.Equal(floor, (BigInteger)rounded);
            Assert.True(Fraction.Whole(rounded) <= exact);
        }

        if (ceiling < Int128Min || ceiling > Int128Max)
        {
            Assert.Throws<OverflowException>(() => up());
        }
        else
        {
            var rounded = up();
            Assert.Equal(ceiling, (BigInteger)rounded);
            Assert.True(Fraction.Whole(rounded) >= exact);
            if (floor >= Int128Min)
            {
                // They differ by at most one unit, and are equal exactly when the division is exact.
                Assert.Equal(exact.IsInteger ? 0 : 1, (BigInteger)rounded - floor);
            }
        }
    }
}
