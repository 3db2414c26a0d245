using System.Globalization;
using System.Numerics;

namespace Ringfence.Core.Numerics;

/// <summary>
/// Arithmetic shared by the fixed-point value types. Every value is a signed 64-bit count of 10⁻⁸ units;
/// products are formed in 128 bits (or arbitrary precision when 128 bits would overflow) and every
/// division rounds in an explicit direction. Results that do not fit in 64 bits throw.
/// </summary>
public static class FixedPoint
{
    /// <summary>Number of decimal places every fixed-point value carries.</summary>
    public const int Decimals = 8;

    /// <summary>Units per whole: 10⁸.</summary>
    public const long Scale = 100_000_000;

    /// <summary>Largest magnitude a value may hold, in units. <see cref="long.MinValue"/> is excluded so negation never overflows.</summary>
    public const long MaxUnits = long.MaxValue;

    /// <summary>Computes <c>a × b ÷ c</c> exactly and rounds once, in <paramref name="rounding"/>'s direction.</summary>
    /// <exception cref="DivideByZeroException"><paramref name="c"/> is zero.</exception>
    public static Int128 MulDiv(Int128 a, Int128 b, Int128 c, Rounding rounding)
    {
        if (c == 0)
        {
            throw new DivideByZeroException("Fixed-point division by zero.");
        }

        if (FitsProduct(a, b))
        {
            return Divide(a * b, c, rounding);
        }

        return ToInt128(Divide((BigInteger)a * b, (BigInteger)c, rounding));
    }

    /// <summary>Divides and rounds once, in <paramref name="rounding"/>'s direction.</summary>
    public static Int128 Divide(Int128 numerator, Int128 denominator, Rounding rounding)
    {
        if (denominator == 0)
        {
            throw new DivideByZeroException("Fixed-point division by zero.");
        }

        var quotient = Int128.DivRem(numerator, denominator);
        var remainderSign = quotient.Remainder == 0 ? 0 : 1;
        var quotientSign = Int128.Sign(numerator) * Int128.Sign(denominator);
        return quotient.Quotient + RoundingStep(remainderSign, quotientSign, rounding);
    }

    /// <summary>Divides two arbitrary-precision integers and rounds once.</summary>
    public static BigInteger Divide(BigInteger numerator, BigInteger denominator, Rounding rounding)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("Fixed-point division by zero.");
        }

        var quotient = BigInteger.DivRem(numerator, denominator, out var remainder);
        return quotient + RoundingStep(remainder.Sign, numerator.Sign * denominator.Sign, rounding);
    }

    /// <summary>Narrows a 128-bit intermediate to 64-bit units.</summary>
    /// <exception cref="OverflowException">The value does not fit.</exception>
    public static long ToUnits(Int128 value) =>
        value > MaxUnits || value < -MaxUnits
            ? throw new OverflowException($"Fixed-point result {Format(value)} is out of range (±{Format(MaxUnits)}).")
            : (long)value;

    /// <summary>Narrows an arbitrary-precision intermediate to 64-bit units.</summary>
    /// <exception cref="OverflowException">The value does not fit.</exception>
    public static long ToUnits(BigInteger value) =>
        value > MaxUnits || value < -MaxUnits
            ? throw new OverflowException("Fixed-point result is out of range.")
            : (long)value;

    /// <summary>Adds two unit counts; overflow throws.</summary>
    public static long Add(long a, long b) => ToUnits((Int128)a + b);

    /// <summary>Subtracts two unit counts; overflow throws.</summary>
    public static long Subtract(long a, long b) => ToUnits((Int128)a - b);

    /// <summary>Rounds <paramref name="units"/> to a multiple of <paramref name="step"/> (a positive unit count).</summary>
    public static long RoundToMultiple(long units, long step, Rounding rounding)
    {
        if (step <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(step), "A rounding step must be positive.");
        }

        return ToUnits(Divide(units, step, rounding) * step);
    }

    /// <summary>
    /// Parses a decimal string exactly: an optional sign, digits with an optional fraction, and an optional
    /// exponent (<c>1.5e-3</c>). More than <see cref="Decimals"/> significant decimal places, NaN, infinities and
    /// out-of-range values are errors, never rounded away.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<char> text, out long units, out string error)
    {
        units = 0;
        error = string.Empty;
        if (text.IsEmpty)
        {
            error = "empty number";
            return false;
        }

        var position = 0;
        var negative = false;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            position++;
        }

        BigInteger mantissa = BigInteger.Zero;
        var digits = 0;
        var fractionDigits = 0;
        var seenPoint = false;
        for (; position < text.Length; position++)
        {
            var c = text[position];
            if (c is >= '0' and <= '9')
            {
                mantissa = (mantissa * 10) + (c - '0');
                digits++;
                if (seenPoint)
                {
                    fractionDigits++;
                }
            }
            else if (c == '.' && !seenPoint)
            {
                seenPoint = true;
            }
            else
            {
                break;
            }
        }

        if (digits == 0)
        {
            error = $"'{text.ToString()}' is not a decimal number";
            return false;
        }

        var exponent = 0;
        if (position < text.Length)
        {
            if (text[position] is not ('e' or 'E')
                || !int.TryParse(text[(position + 1)..], NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out exponent)
                || Math.Abs(exponent) > 100)
            {
                error = $"'{text.ToString()}' is not a decimal number";
                return false;
            }
        }

        // value = mantissa × 10^(exponent − fractionDigits); units = value × 10^Decimals.
        var shift = exponent - fractionDigits + Decimals;
        BigInteger scaled;
        if (shift >= 0)
        {
            scaled = mantissa * BigInteger.Pow(10, shift);
        }
        else
        {
            var divisor = BigInteger.Pow(10, -shift);
            scaled = BigInteger.DivRem(mantissa, divisor, out var remainder);
            if (!remainder.IsZero)
            {
                error = $"'{text.ToString()}' has more than {Decimals} decimal places";
                return false;
            }
        }

        if (scaled > MaxUnits)
        {
            error = $"'{text.ToString()}' is out of range (±{Format(MaxUnits)})";
            return false;
        }

        units = negative ? -(long)scaled : (long)scaled;
        return true;
    }

    /// <summary>Parses a decimal string exactly, or throws <see cref="FormatException"/> naming the problem.</summary>
    public static long Parse(string text) =>
        TryParse(text, out var units, out var error) ? units : throw new FormatException(error);

    /// <summary>Formats units as a plain decimal string with no trailing zeros and no exponent (<c>-1234.5</c>).</summary>
    public static string Format(Int128 units)
    {
        var negative = units < 0;
        var magnitude = negative ? -(BigInteger)units : (BigInteger)units;
        var whole = BigInteger.DivRem(magnitude, Scale, out var fraction);
        var text = whole.ToString(CultureInfo.InvariantCulture);
        if (!fraction.IsZero)
        {
            text += "." + fraction.ToString(CultureInfo.InvariantCulture).PadLeft(Decimals, '0').TrimEnd('0');
        }

        return negative ? "-" + text : text;
    }

    private static int RoundingStep(int remainderSign, int quotientSign, Rounding rounding) =>
        remainderSign == 0 ? 0
        : rounding == Rounding.Up && quotientSign > 0 ? 1
        : rounding == Rounding.Down && quotientSign < 0 ? -1
        : 0;

    private static bool FitsProduct(Int128 a, Int128 b) =>
        BitLength(a) + BitLength(b) < 126;

    private static int BitLength(Int128 value)
    {
        var magnitude = value < 0 ? -(UInt128)value : (UInt128)value;
        return 128 - (int)UInt128.LeadingZeroCount(magnitude);
    }

    private static Int128 ToInt128(BigInteger value) =>
        value > (BigInteger)Int128.MaxValue || value < (BigInteger)Int128.MinValue
            ? throw new OverflowException("Fixed-point intermediate is out of range.")
            : (Int128)value;
}
