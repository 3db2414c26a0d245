namespace Ringfence.Core.Pricing;

/// <summary>What <see cref="PriceJumpGuard"/> did with one price update.</summary>
public enum PriceJumpOutcome
{
    /// <summary>The update is within the band of the last accepted price (or is the first price) and is now the accepted price.</summary>
    Accepted,

    /// <summary>The update is a move beyond the band; it is held as pending until the next update confirms or refutes it.</summary>
    HeldForConfirmation,

    /// <summary>The update lies within the band of the pending price: the jump is confirmed and the update is now the accepted price.</summary>
    Confirmed,

    /// <summary>
    /// The update is refused and the accepted price stands: it is not positive, or it neither confirms the pending jump nor
    /// lies within the band of the accepted price (the pending jump is discarded with it).
    /// </summary>
    Rejected,
}
