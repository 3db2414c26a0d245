using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests;

/// <summary>The random building blocks the properties draw their cases from.</summary>
internal static class Draw
{
    /// <summary>A whole number in [<paramref name="low"/>, <paramref name="high"/>], uniformly.</summary>
    public static Gen<long> Between(long low, long high) => FsCheck.FSharp.Gen.Choose64(low, high);

    /// <summary>
    /// A whole number in [<paramref name="low"/>, <paramref name="high"/>] (both at least zero), uniform in its number of
    /// digits, so that small values come up as often as large ones.
    /// </summary>
    public static Gen<long> SpreadBetween(long low, long high) =>
        from digits in Gen.Choose(DigitsOf(low), DigitsOf(high))
        from value in Between(Math.Max(low, digits == 1 ? 0 : PowerOfTen(digits - 1)), Math.Min(high, digits >= 19 ? long.MaxValue : PowerOfTen(digits) - 1))
        select value;

    /// <summary>A count of 10⁻⁸ units that is a multiple of <paramref name="step"/> units, between the two bounds.</summary>
    public static Gen<long> MultipleOf(long step, long low, long high) =>
        Between(low / step, high / step).Select(k => k * step);

    /// <summary>Either sign.</summary>
    public static Gen<int> Sign => Gen.Elements(1, -1);

    /// <summary>A 128-bit integer of a random bit length (0 to 127) and sign, so small and huge values both occur.</summary>
    public static Gen<Int128> Int128 =>
        from bits in Gen.Choose(0, 127)
        from high in Between(0, long.MaxValue)
        from low in Between(0, long.MaxValue)
        from sign in Sign
        let magnitude = (((UInt128)(ulong)high << 64) | ((ulong)low << 1) | (ulong)(high & 1)) >> (127 - bits)
        select sign * (Int128)magnitude;

    /// <summary>A value of any fixed-point type from its units.</summary>
    public static Gen<T> Value<T>(Gen<long> units)
        where T : struct, IFixedPoint<T> => units.Select(T.FromUnits);

    private static int DigitsOf(long value) => value < 10 ? 1 : 1 + DigitsOf(value / 10);

    private static long PowerOfTen(int exponent) => exponent == 0 ? 1 : 10 * PowerOfTen(exponent - 1);
}
