namespace Ringfence.Core.Numerics;

/// <summary>
/// The direction in which an inexact result is rounded. Every operation that can lose precision takes one,
/// so the caller states which side the residue falls on (requirements up, credits down).
/// </summary>
public enum Rounding
{
    /// <summary>Toward negative infinity (floor).</summary>
    Down,

    /// <summary>Toward positive infinity (ceiling).</summary>
    Up,
}
