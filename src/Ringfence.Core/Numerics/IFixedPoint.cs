using System.Numerics;

namespace Ringfence.Core.Numerics;

/// <summary>
/// What every fixed-point value type shares: a 64-bit count of 10⁻⁸ units, exact parsing and formatting,
/// and arithmetic only with values of its own type (a <see cref="Price"/> cannot be added to a <see cref="Quantity"/>).
/// </summary>
/// <typeparam name="TSelf">The implementing type.</typeparam>
public interface IFixedPoint<TSelf> :
    IComparable<TSelf>,
    IComparisonOperators<TSelf, TSelf, bool>,
    IAdditionOperators<TSelf, TSelf, TSelf>,
    ISubtractionOperators<TSelf, TSelf, TSelf>,
    IUnaryNegationOperators<TSelf, TSelf>
    where TSelf : struct, IFixedPoint<TSelf>
{
    /// <summary>The value in 10⁻⁸ units.</summary>
    long Units { get; }

    /// <summary>Creates a value from a count of 10⁻⁸ units.</summary>
    static abstract TSelf FromUnits(long units);

    /// <summary>Parses a decimal string exactly; on failure <paramref name="problem"/> says why.</summary>
    static abstract bool TryParse(string text, out TSelf value, out string problem);
}
