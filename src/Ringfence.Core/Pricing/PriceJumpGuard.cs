using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// A guard against a single absurd price update (an index or mark print far from the last one), as an immutable state
/// machine: each <see cref="Offer"/> returns a decision and the next state, and never changes this one.
/// </summary>
/// <remarks>
/// <para>An update within <see cref="Band"/> of the last accepted price is accepted. A larger move is held as pending;
/// the next update confirms it when it lies within the band of the pending price (the jump is then accepted, and the
/// confirming update becomes the accepted price). An update that does not confirm the pending one discards it: it is
/// accepted itself when it lies within the band of the last accepted price, and rejected otherwise. So a move beyond the
/// band needs two consecutive updates that agree with each other, and one absurd print is never accepted.</para>
/// <para>"Within the band of r" means <c>|p − r| ≤ Band × r</c>, compared exactly (no rounding). Non-positive updates
/// are rejected and discard any pending jump. The first positive update is accepted as it is: seed the guard with a
/// trusted price (<see cref="LastAccepted"/>) when the first print must be checked too.</para>
/// </remarks>
/// <param name="Band">The largest move accepted without confirmation, as a share of the reference price (0.05 = 5%). Not negative.</param>
/// <param name="LastAccepted">The last accepted price; null before the first. Positive.</param>
/// <param name="Pending">The out-of-band update awaiting confirmation; null when none. Requires <paramref name="LastAccepted"/>.</param>
public sealed record PriceJumpGuard(Rate Band, Price? LastAccepted = null, Price? Pending = null)
{
    /// <summary>Validates the state.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range, or a pending price has no accepted price before it.</exception>
    public PriceJumpGuard Validate()
    {
        if (Band.IsNegative)
        {
            throw new ArgumentOutOfRangeException(nameof(Band), Band, "The jump band must not be negative.");
        }

        if (LastAccepted is { IsPositive: false } last)
        {
            throw new ArgumentOutOfRangeException(nameof(LastAccepted), last, "The accepted price must be positive.");
        }

        if (Pending is { } pending && (!pending.IsPositive || LastAccepted is null))
        {
            throw new ArgumentOutOfRangeException(nameof(Pending), pending, "A pending price must be positive and follow an accepted one.");
        }

        return this;
    }

    /// <summary>Decides on one price update.</summary>
    /// <exception cref="ArgumentOutOfRangeException">The guard's state is out of range.</exception>
    public PriceJumpDecision Offer(Price update)
    {
        Validate();
        if (!update.IsPositive)
        {
            return Decide(update, PriceJumpOutcome.Rejected, $"{update} is not a positive price" + Discarding(), this with { Pending = null });
        }

        if (LastAccepted is not { } last)
        {
            return Decide(update, PriceJumpOutcome.Accepted, $"{update} is the first price", this with { LastAccepted = update });
        }

        if (Pending is { } pending)
        {
            if (IsWithinBand(update, pending, Band))
            {
                return Decide(update, PriceJumpOutcome.Confirmed, $"{update} is within ±{Band} of the pending {pending}, which confirms the jump from {last}", Accept(update));
            }

            return IsWithinBand(update, last, Band)
                ? Decide(update, PriceJumpOutcome.Accepted, $"{update} is within ±{Band} of the accepted {last}; the pending {pending} is discarded", Accept(update))
                : Decide(update, PriceJumpOutcome.Rejected, $"{update} neither confirms the pending {pending} nor lies within ±{Band} of the accepted {last}; both are discarded", this with { Pending = null });
        }

        return IsWithinBand(update, last, Band)
            ? Decide(update, PriceJumpOutcome.Accepted, $"{update} is within ±{Band} of the accepted {last}", Accept(update))
            : Decide(update, PriceJumpOutcome.HeldForConfirmation, $"{update} is beyond ±{Band} of the accepted {last}; held until the next update confirms it", this with { Pending = update });
    }

    /// <summary>True when <c>|price − reference| ≤ band × reference</c>, exactly.</summary>
    public static bool IsWithinBand(Price price, Price reference, Rate band) =>
        Int128.Abs((Int128)price.Units - reference.Units) * FixedPoint.Scale <= (Int128)band.Units * reference.Units;

    private PriceJumpGuard Accept(Price update) => this with { LastAccepted = update, Pending = null };

    private string Discarding() => Pending is { } pending ? $"; the pending {pending} is discarded" : string.Empty;

    private static PriceJumpDecision Decide(Price update, PriceJumpOutcome outcome, string reason, PriceJumpGuard next) => new(update, outcome, reason, next);
}
