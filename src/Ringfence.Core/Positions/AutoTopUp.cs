using Ringfence.Core.Numerics;

namespace Ringfence.Core.Positions;

/// <summary>
/// Automated margin top-up of an isolated position: before the position would be liquidated, collateral moves from the
/// owner's free balance into it, but never more than <see cref="Cap"/> in total, so automation cannot breach isolation.
/// </summary>
/// <param name="Enabled">Whether top-ups happen.</param>
/// <param name="Cap">The most that top-ups may move into the position, in total, in its settle asset.</param>
/// <param name="Used">How much top-ups have moved so far.</param>
public sealed record AutoTopUp(bool Enabled, Money Cap, Money Used)
{
    /// <summary>Top-up switched off, nothing used.</summary>
    public static AutoTopUp Off { get; } = new(false, Money.Zero, Money.Zero);

    /// <summary>What top-ups may still move.</summary>
    public Money Remaining => Enabled ? Money.Max(Money.Zero, Cap - Used) : Money.Zero;
}
