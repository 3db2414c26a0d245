namespace Ringfence.Core.Numerics;

/// <summary>A price: quote currency per base unit for linear contracts, USD per coin for inverse ones; exact to 10⁻⁸. May be negative only as an intermediate (a long's solved liquidation price below zero means none).</summary>
/// <remarks>Stored as a 64-bit count of 10⁻⁸ units. Arithmetic that leaves the 64-bit range throws <see cref="OverflowException"/>.</remarks>
public readonly record struct Price : IFixedPoint<Price>
{
    private Price(long units) => Units = units;

    /// <summary>The value in 10⁻⁸ units.</summary>
    public long Units { get; }

    /// <summary>Zero.</summary>
    public static Price Zero => default;

    /// <summary>Creates a value from a count of 10⁻⁸ units.</summary>
    /// <exception cref="OverflowException"><paramref name="units"/> is <see cref="long.MinValue"/>, outside the symmetric range.</exception>
    public static Price FromUnits(long units) => new(FixedPoint.ToUnits((Int128)units));

    /// <summary>Creates a value from a whole number.</summary>
    /// <exception cref="OverflowException">The value is out of range.</exception>
    public static Price FromWhole(long whole) => new(FixedPoint.ToUnits((Int128)whole * FixedPoint.Scale));

    /// <summary>Parses a decimal string exactly (see <see cref="FixedPoint.TryParse"/>).</summary>
    /// <exception cref="FormatException">The text is not an exactly representable decimal number.</exception>
    public static Price Parse(string text) => new(FixedPoint.Parse(text));

    /// <summary>Parses a decimal string exactly; on failure <paramref name="problem"/> says why.</summary>
    public static bool TryParse(string text, out Price value, out string problem)
    {
        var ok = FixedPoint.TryParse(text, out var units, out problem);
        value = new(units);
        return ok;
    }

    /// <summary>True when the value is greater than zero.</summary>
    public bool IsPositive => Units > 0;

    /// <summary>True when the value is less than zero.</summary>
    public bool IsNegative => Units < 0;

    /// <summary>The absolute value.</summary>
    public Price Abs() => new(Math.Abs(Units));

    /// <summary>Rounds to a multiple of <paramref name="step"/> (positive) in the given direction.</summary>
    public Price RoundTo(Price step, Rounding rounding) => new(FixedPoint.RoundToMultiple(Units, step.Units, rounding));

    /// <summary>The smaller of two values.</summary>
    public static Price Min(Price a, Price b) => a.Units <= b.Units ? a : b;

    /// <summary>The larger of two values.</summary>
    public static Price Max(Price a, Price b) => a.Units >= b.Units ? a : b;

    /// <summary>Sums two values; overflow throws.</summary>
    public static Price operator +(Price a, Price b) => new(FixedPoint.Add(a.Units, b.Units));

    /// <summary>Subtracts two values; overflow throws.</summary>
    public static Price operator -(Price a, Price b) => new(FixedPoint.Subtract(a.Units, b.Units));

    /// <summary>Negates a value (never overflows: the range is symmetric).</summary>
    public static Price operator -(Price a) => new(-a.Units);

    /// <inheritdoc/>
    public static bool operator <(Price a, Price b) => a.Units < b.Units;

    /// <inheritdoc/>
    public static bool operator >(Price a, Price b) => a.Units > b.Units;

    /// <inheritdoc/>
    public static bool operator <=(Price a, Price b) => a.Units <= b.Units;

    /// <inheritdoc/>
    public static bool operator >=(Price a, Price b) => a.Units >= b.Units;

    /// <inheritdoc/>
    public int CompareTo(Price other) => Units.CompareTo(other.Units);

    /// <summary>The exact decimal text, e.g. <c>19700</c> or <c>0.0051</c>.</summary>
    public override string ToString() => FixedPoint.Format(Units);
}
