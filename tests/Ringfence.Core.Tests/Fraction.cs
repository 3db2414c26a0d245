using System.Globalization;
using System.Numerics;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests;

/// <summary>
/// An exact rational number (arbitrary-precision numerator over a positive denominator, always reduced): the
/// oracle the fixed-point results are checked against. It shares no code with the fixed-point arithmetic.
/// </summary>
internal readonly struct Fraction : IEquatable<Fraction>, IComparable<Fraction>
{
    private static readonly BigInteger UnitsPerWhole = 100_000_000;

    private readonly BigInteger _denominator;

    private Fraction(BigInteger numerator, BigInteger denominator)
    {
        Numerator = numerator;
        _denominator = denominator;
    }

    public BigInteger Numerator { get; }

    /// <summary>The positive denominator (1 for the default value, zero).</summary>
    public BigInteger Denominator => _denominator.IsZero ? BigInteger.One : _denominator;

    public static Fraction Zero => Of(0, 1);

    public int Sign => Numerator.Sign;

    public static Fraction Of(BigInteger numerator, BigInteger denominator)
    {
        if (denominator.IsZero)
        {
            throw new DivideByZeroException("A fraction needs a non-zero denominator.");
        }

        if (denominator.Sign < 0)
        {
            numerator = -numerator;
            denominator = -denominator;
        }

        var divisor = BigInteger.GreatestCommonDivisor(numerator, denominator);
        return divisor.IsOne ? new(numerator, denominator) : new(numerator / divisor, denominator / divisor);
    }

    /// <summary>The exact value of a count of 10⁻⁸ units.</summary>
    public static Fraction FromUnits(BigInteger units) => Of(units, UnitsPerWhole);

    public static Fraction Of<T>(T value)
        where T : struct, IFixedPoint<T> => FromUnits(value.Units);

    public static Fraction Whole(BigInteger value) => Of(value, 1);

    /// <summary>The largest integer not above the value.</summary>
    public BigInteger Floor()
    {
        var quotient = BigInteger.DivRem(Numerator, Denominator, out var remainder);
        return remainder.Sign < 0 ? quotient - 1 : quotient;
    }

    /// <summary>The smallest integer not below the value.</summary>
    public BigInteger Ceiling()
    {
        var quotient = BigInteger.DivRem(Numerator, Denominator, out var remainder);
        return remainder.Sign > 0 ? quotient + 1 : quotient;
    }

    /// <summary>The value in 10⁻⁸ units, rounded down.</summary>
    public BigInteger FloorUnits() => (this * Whole(UnitsPerWhole)).Floor();

    /// <summary>The value in 10⁻⁸ units, rounded up.</summary>
    public BigInteger CeilingUnits() => (this * Whole(UnitsPerWhole)).Ceiling();

    public bool IsInteger => Denominator.IsOne;

    public static Fraction Max(Fraction a, Fraction b) => a >= b ? a : b;

    public static Fraction Min(Fraction a, Fraction b) => a <= b ? a : b;

    public static Fraction operator +(Fraction a, Fraction b) =>
        Of((a.Numerator * b.Denominator) + (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a, Fraction b) =>
        Of((a.Numerator * b.Denominator) - (b.Numerator * a.Denominator), a.Denominator * b.Denominator);

    public static Fraction operator -(Fraction a) => Of(-a.Numerator, a.Denominator);

    public static Fraction operator *(Fraction a, Fraction b) => Of(a.Numerator * b.Numerator, a.Denominator * b.Denominator);

    public static Fraction operator /(Fraction a, Fraction b) => Of(a.Numerator * b.Denominator, a.Denominator * b.Numerator);

    public static bool operator ==(Fraction a, Fraction b) => a.Equals(b);

    public static bool operator !=(Fraction a, Fraction b) => !a.Equals(b);

    public static bool operator <(Fraction a, Fraction b) => a.CompareTo(b) < 0;

    public static bool operator >(Fraction a, Fraction b) => a.CompareTo(b) > 0;

    public static bool operator <=(Fraction a, Fraction b) => a.CompareTo(b) <= 0;

    public static bool operator >=(Fraction a, Fraction b) => a.CompareTo(b) >= 0;

    public int CompareTo(Fraction other) => (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    public bool Equals(Fraction other) => Numerator == other.Numerator && Denominator == other.Denominator;

    public override bool Equals(object? obj) => obj is Fraction other && Equals(other);

    public override int GetHashCode() => HashCode.Combine(Numerator, Denominator);

    /// <summary>The exact ratio and its approximate value, for failure messages.</summary>
    public override string ToString() =>
        string.Create(CultureInfo.InvariantCulture, $"{Numerator}/{Denominator} (≈{(double)Numerator / (double)Denominator:G17})");
}
