using System.Globalization;
using System.Numerics;
using Ringfence.Core.Serialization;

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

    /// <summary>The longest decimal string <see cref="TryParse"/> reads; longer text is refused before it is scanned.</summary>
    public const int MaxTextLength = 64;

    /// <summary>
    /// The most significant digits (first to last non-zero digit) a decimal string may have. A 64-bit count of 10⁻⁸
    /// units never needs more than 19; the limit keeps the mantissa inside 128 bits.
    /// </summary>
    public const int MaxSignificantDigits = 38;

    /// <summary>The largest exponent magnitude (<c>1e100</c>) a decimal string may have.</summary>
    public const int MaxExponent = 100;

    // 10⁰ … 10³⁸: every power a bounded mantissa can be scaled by inside 128 bits.
    private static readonly UInt128[] PowersOfTen = TenToThe(MaxSignificantDigits + 1);

    /// <summary>
    /// Parses a decimal string exactly: an optional sign, digits with an optional fraction, and an optional
    /// exponent (<c>1.5e-3</c>). More than <see cref="Decimals"/> significant decimal places, NaN, infinities and
    /// out-of-range values are errors, never rounded away. Text longer than <see cref="MaxTextLength"/>, with more than
    /// <see cref="MaxSignificantDigits"/> significant digits or an exponent beyond ±<see cref="MaxExponent"/> is refused;
    /// the work is linear in the text and bounded, whatever it holds, and an error quotes at most the first
    /// <see cref="InputExcerpt.MaxCharacters"/> characters.
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

        if (text.Length > MaxTextLength)
        {
            error = $"{InputExcerpt.Quote(text)} is longer than the {MaxTextLength} characters a number may have";
            return false;
        }

        var position = 0;
        var negative = false;
        if (text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            position++;
        }

        // Zeros after the last non-zero digit are held back (pendingZeros) rather than multiplied in, so that trailing
        // zeros ("1.50000000000") and zeros an exponent cancels cost nothing and count as no significant digit.
        UInt128 mantissa = 0;
        var significant = 0;
        var pendingZeros = 0;
        var digits = 0;
        var fractionDigits = 0;
        var seenPoint = false;
        for (; position < text.Length; position++)
        {
            var c = text[position];
            if (c is >= '0' and <= '9')
            {
                digits++;
                if (seenPoint)
                {
                    fractionDigits++;
                }

                if (c == '0')
                {
                    if (significant > 0)
                    {
                        pendingZeros++;
                    }

                    continue;
                }

                if (significant + pendingZeros + 1 > MaxSignificantDigits)
                {
                    error = $"{InputExcerpt.Quote(text)} has more than {MaxSignificantDigits} significant digits";
                    return false;
                }

                mantissa = (mantissa * Pow10(pendingZeros + 1)) + (uint)(c - '0');
                significant += pendingZeros + 1;
                pendingZeros = 0;
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
            error = $"{InputExcerpt.Quote(text)} is not a decimal number";
            return false;
        }

        var exponent = 0;
        if (position < text.Length)
        {
            if (text[position] is not ('e' or 'E') || !TryParseExponent(text[(position + 1)..], out exponent))
            {
                error = $"{InputExcerpt.Quote(text)} is not a decimal number";
                return false;
            }

            if (Math.Abs(exponent) > MaxExponent)
            {
                error = $"{InputExcerpt.Quote(text)} has an exponent beyond ±{MaxExponent}";
                return false;
            }
        }

        if (mantissa == 0)
        {
            return true;
        }

        // value = mantissa × 10^(pendingZeros + exponent − fractionDigits); units = value × 10^Decimals. Every term is
        // bounded (64 characters, |exponent| ≤ 100), so the shift cannot overflow an int.
        var shift = pendingZeros + exponent - fractionDigits + Decimals;
        UInt128 scaled;
        if (shift >= 0)
        {
            if (shift > MaxSignificantDigits || mantissa > (UInt128)MaxUnits / Pow10(shift))
            {
                error = $"{InputExcerpt.Quote(text)} is out of range (±{Format(MaxUnits)})";
                return false;
            }

            scaled = mantissa * Pow10(shift);
        }
        else
        {
            // A non-zero mantissa below 10^38 divided by 10^39 or more always leaves a remainder.
            if (-shift > MaxSignificantDigits)
            {
                error = $"{InputExcerpt.Quote(text)} has more than {Decimals} decimal places";
                return false;
            }

            (scaled, var remainder) = UInt128.DivRem(mantissa, Pow10(-shift));
            if (remainder != 0)
            {
                error = $"{InputExcerpt.Quote(text)} has more than {Decimals} decimal places";
                return false;
            }
        }

        if (scaled > (UInt128)MaxUnits)
        {
            error = $"{InputExcerpt.Quote(text)} is out of range (±{Format(MaxUnits)})";
            return false;
        }

        units = negative ? -(long)scaled : (long)scaled;
        return true;
    }

    /// <summary>Parses a decimal string exactly, or throws <see cref="FormatException"/> naming the problem.</summary>
    public static long Parse(string text) =>
        TryParse(text, out var units, out var error) ? units : throw new FormatException(error);

    /// <summary>The most characters <see cref="FormatInto"/> writes: a sign, 19 whole digits, the point and 8 decimals.</summary>
    internal const int MaxFormattedLength = 32;

    /// <summary>
    /// Formats units as <see cref="Format(Int128)"/> does (<c>-1234.5</c>), for the range every fixed-point value
    /// lives in, without arbitrary-precision arithmetic: the path every <c>ToString</c> of a value takes.
    /// </summary>
    public static string Format(long units)
    {
        Span<char> text = stackalloc char[MaxFormattedLength];
        return new string(text[..FormatInto(units, text)]);
    }

    /// <summary>Writes <see cref="Format(long)"/>'s text into <paramref name="destination"/> (at least <see cref="MaxFormattedLength"/> long); returns its length.</summary>
    internal static int FormatInto(long units, Span<char> destination)
    {
        var written = 0;
        if (units < 0)
        {
            destination[written++] = '-';
        }

        // The magnitude as unsigned, so that long.MinValue has one too.
        var magnitude = units < 0 ? (ulong)(-(units + 1)) + 1 : (ulong)units;
        var (whole, fraction) = Math.DivRem(magnitude, (ulong)Scale);
        whole.TryFormat(destination[written..], out var digits, default, CultureInfo.InvariantCulture);
        written += digits;
        if (fraction != 0)
        {
            destination[written++] = '.';
            var end = written + Decimals;
            for (var i = end - 1; i >= written; i--)
            {
                destination[i] = (char)('0' + (int)(fraction % 10));
                fraction /= 10;
            }

            written = end;
            while (destination[written - 1] == '0')
            {
                written--;
            }
        }

        return written;
    }

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

    /// <summary>Reads an exponent: an optional sign and at least one digit, its magnitude clamped at 10 000.</summary>
    private static bool TryParseExponent(ReadOnlySpan<char> text, out int exponent)
    {
        exponent = 0;
        var position = 0;
        var negative = false;
        if (!text.IsEmpty && text[0] is '+' or '-')
        {
            negative = text[0] == '-';
            position++;
        }

        var digits = text[position..];
        if (digits.IsEmpty)
        {
            return false;
        }

        foreach (var c in digits)
        {
            if (c is < '0' or > '9')
            {
                return false;
            }

            // Clamp rather than overflow: anything past 10 000 is refused by the caller as beyond ±MaxExponent.
            exponent = Math.Min((exponent * 10) + (c - '0'), 10_000);
        }

        exponent = negative ? -exponent : exponent;
        return true;
    }

    private static UInt128 Pow10(int exponent) => PowersOfTen[exponent];

    private static UInt128[] TenToThe(int count)
    {
        var powers = new UInt128[count];
        powers[0] = 1;
        for (var i = 1; i < count; i++)
        {
            powers[i] = powers[i - 1] * 10;
        }

        return powers;
    }

    private static int RoundingStep(int remainderSign, int quotientSign, Rounding rounding) =>
        remainderSign == 0 ? 0
        : rounding == Rounding.Up && quotientSign > 0 ? 1
        : rounding == Rounding.Down && quotientSign < 0 ? -1
        : 0;

    /// <summary>
    /// <c>a × b</c> in 128 bits when it certainly fits (judged by bit lengths, like <see cref="FitsProduct"/>); false
    /// sends the caller to its arbitrary-precision path. Chained, it keeps a multi-factor product off BigInteger.
    /// </summary>
    internal static bool TryProduct(Int128 a, Int128 b, out Int128 product)
    {
        product = FitsProduct(a, b) ? a * b : Int128.Zero;
        return FitsProduct(a, b);
    }

    /// <summary>Whether <c>a × b</c> certainly fits a signed 128-bit integer (judged by bit lengths, so a few that would fit are sent the long way).</summary>
    internal static bool FitsProduct(Int128 a, Int128 b) =>
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
