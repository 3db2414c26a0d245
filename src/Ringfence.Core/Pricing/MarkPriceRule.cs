using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// How a venue derives the mark price, the price positions are valued and liquidated at, from the index. A small
/// strategy of the venue profile: data (its parameters) and behaviour (<see cref="Unclamped"/>), followed by an optional
/// final clamp of the mark to within ±<see cref="Band"/> of the index.
/// </summary>
/// <param name="Band">
/// The final clamp: the mark stays within <c>index × (1 ± Band)</c>, the bounds rounded inward to 10⁻⁸ (the lower one up,
/// the upper one down), so a clamped mark never lies outside the exact band. Null for no clamp. Not negative.
/// </param>
public abstract record MarkPriceRule(Rate? Band)
{
    /// <summary>The formula in words, for explanations.</summary>
    public abstract string Formula { get; }

    /// <summary>The rule's mark price before the final clamp.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range.</exception>
    /// <exception cref="InvalidOperationException">A parameter of the rule is out of range.</exception>
    public abstract Price Unclamped(MarkPriceInputs inputs);

    /// <summary>The mark price: <see cref="Unclamped"/>, then clamped to the band around the index where there is one.</summary>
    /// <exception cref="ArgumentOutOfRangeException">An input is out of range.</exception>
    /// <exception cref="InvalidOperationException">A parameter of the rule is out of range.</exception>
    public Price Mark(MarkPriceInputs inputs)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        var raw = Unclamped(inputs);
        if (Band is not { } band)
        {
            return raw;
        }

        if (band.IsNegative)
        {
            throw new InvalidOperationException($"A mark price band must not be negative, not {band}.");
        }

        var reach = BandReach(inputs.Index, band);
        return Price.Min(Price.Max(raw, inputs.Index - reach), inputs.Index + reach);
    }

    /// <summary><c>reference × band</c>, rounded down: the inward-rounded half-width of a band around a positive price.</summary>
    internal static Price BandReach(Price reference, Rate band) =>
        Price.FromUnits(FixedPoint.ToUnits(FixedPoint.MulDiv(RequirePositive(reference, nameof(reference)).Units, band.Units, FixedPoint.Scale, Rounding.Down)));

    /// <summary>Throws unless <paramref name="price"/> is positive.</summary>
    internal static Price RequirePositive(Price price, string name) =>
        price.IsPositive ? price : throw new ArgumentOutOfRangeException(name, price, "An index price must be positive.");
}
