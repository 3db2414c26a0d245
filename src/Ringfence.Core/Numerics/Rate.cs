namespace Ringfence.Core.Numerics;

/// <summary>A dimensionless rate such as a maintenance-margin rate, a fee rate or a funding rate, exact to 10⁻⁸ (0.005 = 0.5%).</summary>
/// <remarks>Stored as a 64-bit count of 10⁻⁸ units. Arithmetic that leaves the 64-bit range throws <see cref="OverflowException"/>.</remarks>
public readonly record struct Rate : IFixedPoint<Rate>
{
    private Rate(long units) => Units = units;

    /// <summary>The value in 10⁻⁸ units.</summary>
    public long Units { get; }

    /// <summary>Zero.</summary>
    public static Rate Zero => default;

    /// <summary>Creates a value from a count of 10⁻⁸ units.</summary>
    /// <exception cref="OverflowException"><paramref name="units"/> is <see cref="long.MinValue"/>, outside the symmetric range.</exception>
    public static Rate FromUnits(long units) => new(FixedPoint.ToUnits((Int128)units));

    /// <summary>Creates a value from a whole number.</summary>
    /// <exception cref="OverflowException">The value is out of range.</exception>
    public static Rate FromWhole(long whole) => new(FixedPoint.ToUnits((Int128)whole * FixedPoint.Scale));

    /// <summary>Parses a decimal string exactly (see <see cref="FixedPoint.TryParse"/>).</summary>
    /// <exception cref="FormatException">The text is not an exactly representable decimal number.</exception>
    public static Rate Parse(string text) => new(FixedPoint.Parse(text));

    /// <summary>Parses a decimal string exactly; on failure <paramref name="problem"/> says why.</summary>
    public static bool TryParse(string text, out Rate value, out string problem)
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
    public Rate Abs() => new(Math.Abs(Units));

    /// <summary>Rounds to a multiple of <paramref name="step"/> (positive) in the given direction.</summary>
    public Rate RoundTo(Rate step, Rounding rounding) => new(FixedPoint.RoundToMultiple(Units, step.Units, rounding));

    /// <summary>The smaller of two values.</summary>
    public static Rate Min(Rate a, Rate b) => a.Units <= b.Units ? a : b;

    /// <summary>The larger of two values.</summary>
    public static Rate Max(Rate a, Rate b) => a.Units >= b.Units ? a : b;

    /// <summary>Sums two values; overflow throws.</summary>
    public static Rate operator +(Rate a, Rate b) => new(FixedPoint.Add(a.Units, b.Units));

    /// <summary>Subtracts two values; overflow throws.</summary>
    public static Rate operator -(Rate a, Rate b) => new(FixedPoint.Subtract(a.Units, b.Units));

    /// <summary>Negates a value (never overflows: the range is symmetric).</summary>
    public static Rate operator -(Rate a) => new(-a.Units);

    /// <inheritdoc/>
    public static bool operator <(Rate a, Rate b) => a.Units < b.Units;

    /// <inheritdoc/>
    public static bool operator >(Rate a, Rate b) => a.Units > b.Units;

    /// <inheritdoc/>
    public static bool operator <=(Rate a, Rate b) => a.Units <= b.Units;

    /// <inheritdoc/>
    public static bool operator >=(Rate a, Rate b) => a.Units >= b.Units;

    /// <inheritdoc/>
    public int CompareTo(Rate other) => Units.CompareTo(other.Units);

    /// <summary>One (100%).</summary>
    public static Rate One => new(FixedPoint.Scale);

    /// <summary>The initial-margin rate of a leverage, 1 ÷ leverage, rounded once.</summary>
    public static Rate FromLeverage(Leverage leverage, Rounding rounding) =>
        new(FixedPoint.ToUnits(FixedPoint.Divide(FixedPoint.Scale * (Int128)FixedPoint.Scale, leverage.Units, rounding)));

    /// <summary>The exact decimal text, e.g. <c>19700</c> or <c>0.0051</c>.</summary>
    public override string ToString() => FixedPoint.Format(Units);
}
