using System.Globalization;
using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Numerics;

/// <summary>Exact decimal parsing and formatting of the fixed-point values.</summary>
public sealed class FixedPointTextTests
{
    private const long Max = FixedPoint.MaxUnits;

    [Fact]
    public void Format_then_Parse_gives_back_the_same_units()
    {
        var units = Gen.OneOf(Draw.Between(-Max, Max), Draw.SpreadBetween(0, Max).Zip(Draw.Sign, (u, s) => u * s));
        PropertyCases.Verify(units, u => Assert.Equal(u, FixedPoint.Parse(FixedPoint.Format(u))));
    }

    [Fact]
    public void Formatting_a_long_gives_the_text_of_the_exact_128_bit_formatter()
    {
        var units = Gen.OneOf(
            Draw.Between(-Max, Max),
            Draw.SpreadBetween(0, Max).Zip(Draw.Sign, (u, s) => u * s),
            Gen.Elements(0L, 1L, -1L, FixedPoint.Scale, -FixedPoint.Scale, 10L, 100_000_000_000L, -1_234_500_000L, long.MaxValue, long.MinValue, long.MinValue + 1));
        PropertyCases.Verify(units, u => Assert.Equal(FixedPoint.Format((Int128)u), FixedPoint.Format(u)));
    }

    [Theory]
    [InlineData(0L, "0")]
    [InlineData(-123_450_000_000L, "-1234.5")]
    [InlineData(1L, "0.00000001")]
    [InlineData(long.MinValue, "-92233720368.54775808")]
    public void A_long_formats_as_a_plain_decimal_without_trailing_zeros(long units, string expected) =>
        Assert.Equal(expected, FixedPoint.Format(units));

    [Fact]
    public void Parse_then_Format_of_a_canonical_decimal_gives_back_the_same_text()
    {
        // Canonical: no leading zeros, no trailing fraction zeros, no exponent, no sign on zero.
        var canonical =
            from whole in Draw.SpreadBetween(0, (Max / FixedPoint.Scale) - 1)
            from fractionDigits in Gen.Choose(0, FixedPoint.Decimals)
            from fraction in Draw.Between(0, (long)Math.Pow(10, fractionDigits) - 1)
            from negative in Gen.Elements(true, false)
            let fractionText = fractionDigits == 0 ? string.Empty : fraction.ToString(CultureInfo.InvariantCulture).PadLeft(fractionDigits, '0').TrimEnd('0')
            let body = whole.ToString(CultureInfo.InvariantCulture) + (fractionText.Length == 0 ? string.Empty : "." + fractionText)
            select negative && body != "0" ? "-" + body : body;
        PropertyCases.Verify(canonical, text => Assert.Equal(text, FixedPoint.Format(FixedPoint.Parse(text))));
    }

    [Fact]
    public void An_exponent_moves_the_decimal_point_exactly()
    {
        var cases =
            from units in Draw.SpreadBetween(0, Max)
            from sign in Draw.Sign
            from zeros in Gen.Choose(0, 12)
            from marker in Gen.Elements("e", "E")
            select (Units: units * sign, Zeros: zeros, Marker: marker);
        PropertyCases.Verify(cases, c =>
        {
            var digits = c.Units.ToString(CultureInfo.InvariantCulture) + new string('0', c.Zeros);
            Assert.Equal(c.Units, FixedPoint.Parse($"{digits}{c.Marker}-{FixedPoint.Decimals + c.Zeros}"));
            Assert.Equal(c.Units, FixedPoint.Parse($"{FixedPoint.Format(c.Units)}{c.Marker}+0"));
        });
    }

    [Theory]
    [InlineData("1.5e-3", 150_000)]
    [InlineData("2E+2", 20_000_000_000)]
    [InlineData("2e2", 20_000_000_000)]
    [InlineData("-2.5E-1", -25_000_000)]
    [InlineData("+7", 700_000_000)]
    [InlineData("-0", 0)]
    [InlineData("0007.50", 750_000_000)]
    [InlineData("-000.00000001", -1)]
    [InlineData("0.000000010", 1)] // a trailing zero beyond 8 places is not a 9th significant decimal
    [InlineData("1e-8", 1)]
    [InlineData("100e-10", 1)]
    [InlineData("92233720368.54775807", long.MaxValue)]
    [InlineData("-92233720368.54775807", -long.MaxValue)]
    [InlineData("9223372036854775807e-8", long.MaxValue)]
    public void Parse_reads_signs_leading_zeros_and_exponents_exactly(string text, long expectedUnits)
    {
        Assert.Equal(expectedUnits, FixedPoint.Parse(text));
    }

    [Theory]
    [InlineData("", "empty")]
    [InlineData("abc", "not a decimal number")]
    [InlineData("NaN", "not a decimal number")]
    [InlineData("Infinity", "not a decimal number")]
    [InlineData("-Infinity", "not a decimal number")]
    [InlineData("1.2.3", "not a decimal number")]
    [InlineData("1e999", "exponent beyond ±100")]
    [InlineData("1e101", "exponent beyond ±100")]
    [InlineData("1e-2147483648", "exponent beyond ±100")] // issue 9: negating int.MinValue used to throw OverflowException
    [InlineData("1e2147483648", "exponent beyond ±100")]
    [InlineData("1e-99999999999999999999", "exponent beyond ±100")]
    [InlineData("0e-2147483648", "exponent beyond ±100")]
    [InlineData("1e--5", "not a decimal number")]
    [InlineData("1e5.5", "not a decimal number")]
    [InlineData("1234567890123456789012345678901234567", "out of range")] // 37 digits: fits 128 bits, not 64
    [InlineData("123456789012345678901234567890123456789", "more than 38 significant digits")]
    [InlineData("0.000000000000000000000000000000000000001", "more than 8 decimal places")]
    [InlineData("1e", "not a decimal number")]
    [InlineData("e5", "not a decimal number")]
    [InlineData("-", "not a decimal number")]
    [InlineData("+-1", "not a decimal number")]
    [InlineData(" 1", "not a decimal number")]
    [InlineData("1 ", "not a decimal number")]
    [InlineData("1,5", "not a decimal number")]
    [InlineData("0x10", "not a decimal number")]
    [InlineData("1e-9", "more than 8 decimal places")]
    [InlineData("0.123456789", "more than 8 decimal places")]
    [InlineData("-0.000000001", "more than 8 decimal places")]
    [InlineData("92233720368.54775808", "out of range")]
    [InlineData("-92233720368.54775808", "out of range")]
    [InlineData("1e11", "out of range")]
    [InlineData("99999999999999999999999", "out of range")]
    public void Parse_rejects_what_is_not_an_exact_in_range_decimal_and_says_why(string text, string reason)
    {
        var error = Assert.Throws<FormatException>(() => FixedPoint.Parse(text));
        Assert.Contains(reason, error.Message, StringComparison.Ordinal);
        AssertEveryValueTypeRejects(text, reason);
    }

    [Theory]
    [InlineData("1.00000000000000000000000000000000000000000000000000000000", 100_000_000)] // 57 characters of trailing zeros
    [InlineData("100000000000000000000000000000000000000000000000000e-50", 100_000_000)] // zeros an exponent cancels
    [InlineData("0.0000000000000000000000000000000000000000000000000000000", 0)]
    [InlineData("-0e100", 0)]
    [InlineData("0.00000000000000000000000000000000000000000100000000e42", 100_000_000)]
    public void Zeros_are_not_significant_digits(string text, long expectedUnits)
    {
        Assert.Equal(expectedUnits, FixedPoint.Parse(text));
    }

    [Theory]
    [InlineData(65)]
    [InlineData(100_000)]
    [InlineData(10_000_000)]
    public void A_number_longer_than_64_characters_is_refused_with_an_excerpt_not_an_echo(int length)
    {
        // Issue 9: 10⁶ digits took 141 s to reject (quadratic BigInteger growth) and the error echoed every digit.
        var text = new string('7', length);

        var error = Assert.Throws<FormatException>(() => FixedPoint.Parse(text));

        Assert.Equal($"'{new string('7', 40)}…' ({length} characters) is longer than the 64 characters a number may have", error.Message);
    }

    [Fact]
    public void An_error_escapes_control_characters_of_the_input()
    {
        var error = Assert.Throws<FormatException>(() => FixedPoint.Parse("1\u001b[31m"));

        Assert.DoesNotContain('\u001b', error.Message);
        Assert.Contains("\\u001b[31m", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Format_writes_plain_decimals_without_trailing_zeros_or_exponent()
    {
        Assert.Equal("0", FixedPoint.Format(0));
        Assert.Equal("0.00000001", FixedPoint.Format(1));
        Assert.Equal("-0.5", FixedPoint.Format(-50_000_000));
        Assert.Equal("19700", Price.FromWhole(19_700).ToString());
        Assert.Equal("-92233720368.54775807", Money.FromUnits(-long.MaxValue).ToString());
    }

    private static void AssertEveryValueTypeRejects(string text, string reason)
    {
        AssertRejects<Price>(text, reason);
        AssertRejects<Quantity>(text, reason);
        AssertRejects<Money>(text, reason);
        AssertRejects<Rate>(text, reason);
        AssertRejects<Leverage>(text, reason);
    }

    private static void AssertRejects<T>(string text, string reason)
        where T : struct, IFixedPoint<T>
    {
        Assert.False(T.TryParse(text, out _, out var problem), $"{typeof(T).Name} accepted '{text}'");
        Assert.Contains(reason, problem, StringComparison.Ordinal);
    }
}
