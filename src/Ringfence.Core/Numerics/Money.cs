namespace Ringfence.Core.Numerics;

/// <summary>An amount of one asset (the settle asset of the instrument or account it belongs to), exact to 10⁻⁸: a balance, a margin, a fee, a PnL.</summary>
/// <remarks>Stored as a 64-bit count of 10⁻⁸ units. Arithmetic that leaves the 64-bit range throws <see cref="OverflowException"/>.</remarks>
public readonly record struct Money : IFixedPoint<Money>
{
    private Money(long units) => Units = units;

    /// <summary>The value in 10⁻⁸ units.</summary>
    public long Units { get; }

    /// <summary>Zero.</summary>
    public static Money Zero => default;

    /// <summary>Creates a value from a count of 10⁻⁸ units.</summary>
    /// <exception cref="OverflowException"><paramref name="units"/> is <see cref="long.MinValue"/>, outside the symmetric range.</exception>
    public static Money FromUnits(long units) => new(FixedPoint.ToUnits((Int128)units));

    /// <summary>Creates a value from a whole number.</summary>
    /// <exception cref="OverflowException">The value is out of range.</exception>
    public static Money FromWhole(long whole) => new(FixedPoint.ToUnits((Int128)whole * FixedPoint.Scale));

    /// <summary>Parses a decimal string exactly (see <see cref="FixedPoint.TryParse"/>).</summary>
    /// <exception cref="FormatException">The text is not an exactly representable decimal number.</exception>
    public static Money Parse(string text) => new(FixedPoint.Parse(text));

    /// <summary>Parses a decimal string exactly; on failure <paramref name="problem"/> says why.</summary>
    public static bool TryParse(string text, out Money value, out string problem)
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
    public Money Abs() => new(Math.Abs(Units));

    /// <summary>Rounds to a multiple of <paramref name="step"/> (positive) in the given direction.</summary>
    public Money RoundTo(Money step, Rounding rounding) => new(FixedPoint.RoundToMultiple(Units, step.Units, rounding));

    /// <summary>The smaller of two values.</summary>
    public static Money Min(Money a, Money b) => a.Units <= b.Units ? a : b;

    /// <summary>The larger of two values.</summary>
    public static Money Max(Money a, Money b) => a.Units >= b.Units ? a : b;

    /// <summary>Sums two values; overflow throws.</summary>
    public static Money operator +(Money a, Money b) => new(FixedPoint.Add(a.Units, b.Units));

    /// <summary>Subtracts two values; overflow throws.</summary>
    public static Money operator -(Money a, Money b) => new(FixedPoint.Subtract(a.Units, b.Units));

    /// <summary>Negates a value (never overflows: the range is symmetric).</summary>
    public static Money operator -(Money a) => new(-a.Units);

    /// <inheritdoc/>
    public static bool operator <(Money a, Money b) => a.Units < b.Units;

    /// <inheritdoc/>
    public static bool operator >(Money a, Money b) => a.Units > b.Units;

    /// <inheritdoc/>
    public static bool operator <=(Money a, Money b) => a.Units <= b.Units;

    /// <inheritdoc/>
    public static bool operator >=(Money a, Money b) => a.Units >= b.Units;

    /// <inheritdoc/>
    public int CompareTo(Money other) => Units.CompareTo(other.Units);

    /// <summary>This amount times a rate (a requirement or fee on a notional), rounded once.</summary>
    public Money MultiplyBy(Rate rate, Rounding rounding) =>
        FromUnits(FixedPoint.ToUnits(FixedPoint.MulDiv(Units, rate.Units, FixedPoint.Scale, rounding)));

    /// <summary>This amount divided by a leverage (initial margin of a notional), rounded once.</summary>
    public Money DivideBy(Leverage leverage, Rounding rounding) =>
        FromUnits(FixedPoint.ToUnits(FixedPoint.MulDiv(Units, FixedPoint.Scale, leverage.Units, rounding)));

    /// <summary>This amount as a fraction of <paramref name="denominator"/>, rounded once.</summary>
    public Rate RatioTo(Money denominator, Rounding rounding) =>
        Rate.FromUnits(FixedPoint.ToUnits(FixedPoint.MulDiv(Units, FixedPoint.Scale, denominator.Units, rounding)));

    /// <summary>The exact decimal text, e.g. <c>19700</c> or <c>0.0051</c>.</summary>
    public override string ToString() => FixedPoint.Format(Units);
}
