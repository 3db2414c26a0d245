using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>The decision of <see cref="PriceJumpGuard.Offer"/> on one update: what happened, why, and the guard's next state.</summary>
/// <param name="Update">The price offered.</param>
/// <param name="Outcome">What happened to it.</param>
/// <param name="Reason">Why, in words (the prices and band compared).</param>
/// <param name="Next">The guard after the update; use it for the next one.</param>
public sealed record PriceJumpDecision(Price Update, PriceJumpOutcome Outcome, string Reason, PriceJumpGuard Next)
{
    /// <summary>True when the update became the accepted price (<see cref="PriceJumpOutcome.Accepted"/> or <see cref="PriceJumpOutcome.Confirmed"/>).</summary>
    public bool IsAccepted => Outcome is PriceJumpOutcome.Accepted or PriceJumpOutcome.Confirmed;

    /// <summary>The accepted price after the update (the update itself, or the previous accepted price); null while none was ever accepted.</summary>
    public Price? Standing => Next.LastAccepted;
}
