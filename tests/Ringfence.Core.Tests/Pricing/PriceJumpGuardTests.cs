using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pricing;
using static Ringfence.Core.Tests.Margin.PublishedExamples.Examples;

namespace Ringfence.Core.Tests.Pricing;

/// <summary>The jump guard accepts in-band moves, holds a jump until the next update confirms it, and never accepts an unconfirmed one.</summary>
public sealed class PriceJumpGuardTests
{
    private static readonly PriceJumpGuard Guard = new(R("0.05"), P("100"));

    [Fact]
    public void The_first_price_is_accepted_and_in_band_moves_are_accepted()
    {
        var first = new PriceJumpGuard(R("0.05")).Offer(P("100"));
        Assert.Equal(PriceJumpOutcome.Accepted, first.Outcome);
        Assert.Equal(P("100"), first.Standing);

        var edge = Guard.Offer(P("105")); // exactly 5%: in band
        Assert.Equal(PriceJumpOutcome.Accepted, edge.Outcome);
        Assert.True(edge.IsAccepted);
        Assert.Equal(P("105"), edge.Next.LastAccepted);
        Assert.Equal(PriceJumpOutcome.Accepted, Guard.Offer(P("95")).Outcome);
    }

    [Fact]
    public void A_jump_is_held_then_confirmed_by_an_update_within_the_band_of_it()
    {
        var held = Guard.Offer(P("105.00000001"));
        Assert.Equal(PriceJumpOutcome.HeldForConfirmation, held.Outcome);
        Assert.False(held.IsAccepted);
        Assert.Equal(P("100"), held.Standing);
        Assert.Equal(P("105.00000001"), held.Next.Pending);
        Assert.Contains("held", held.Reason, StringComparison.Ordinal);

        var confirmed = held.Next.Offer(P("108"));
        Assert.Equal(PriceJumpOutcome.Confirmed, confirmed.Outcome);
        Assert.Equal(P("108"), confirmed.Standing);
        Assert.Null(confirmed.Next.Pending);
        Assert.Equal(P("100"), Guard.LastAccepted); // the guard itself never changes
    }

    [Fact]
    public void A_single_absurd_print_is_discarded_by_the_next_update()
    {
        var held = Guard.Offer(P("1000"));
        var back = held.Next.Offer(P("100.5"));
        Assert.Equal(PriceJumpOutcome.Accepted, back.Outcome);
        Assert.Equal(P("100.5"), back.Standing);
        Assert.Null(back.Next.Pending);
        Assert.Contains("discarded", back.Reason, StringComparison.Ordinal);
    }

    [Fact]
    public void An_update_that_neither_confirms_nor_lies_in_band_is_rejected_with_the_pending_jump()
    {
        var held = Guard.Offer(P("1000"));
        var rejected = held.Next.Offer(P("10"));
        Assert.Equal(PriceJumpOutcome.Rejected, rejected.Outcome);
        Assert.Equal(P("100"), rejected.Standing);
        Assert.Null(rejected.Next.Pending);
    }

    [Fact]
    public void Non_positive_updates_are_rejected()
    {
        var zero = Guard.Offer(Price.Zero);
        Assert.Equal(PriceJumpOutcome.Rejected, zero.Outcome);
        Assert.Equal(P("100"), zero.Standing);
        Assert.Equal(PriceJumpOutcome.Rejected, new PriceJumpGuard(R("0.05")).Offer(P("-1")).Outcome);
        Assert.Null(Guard.Offer(P("1000")).Next.Offer(P("-5")).Next.Pending);
    }

    [Fact]
    public void An_inconsistent_state_is_an_error()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new PriceJumpGuard(R("-0.01")).Offer(P("1")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PriceJumpGuard(R("0.01"), null, P("1")).Offer(P("1")));
        Assert.Throws<ArgumentOutOfRangeException>(() => new PriceJumpGuard(R("0.01"), P("0")).Offer(P("1")));
    }

    [Fact]
    public void The_guard_never_accepts_an_unconfirmed_jump_and_always_accepts_an_in_band_move()
    {
        var cases =
            from bandUnits in Gen.Choose(0, 20_000_000)
            from start in Draw.SpreadBetween(1_000, 10_000_000_000_000)
            from count in Gen.Choose(1, 30)
            from moves in Gen.Frequency(
                (6, Gen.Choose(-25_000, 25_000)),
                (2, Gen.Choose(-900_000, 3_000_000)),
                (1, Gen.Constant(-1_000_000))).ArrayOf(count)
            select (Band: Rate.FromUnits(bandUnits), Start: Price.FromUnits(start), Moves: moves);
        PropertyCases.Verify(cases, c =>
        {
            var guard = new PriceJumpGuard(c.Band, c.Start);
            Price? previousUpdate = null;
            var previousOutcome = PriceJumpOutcome.Accepted;
            var reference = c.Start;
            foreach (var move in c.Moves)
            {
                // Each update moves from the previous update (so some confirm a pending jump), by parts per million.
                var from = previousUpdate ?? c.Start;
                var update = Price.FromUnits(from.Units + (long)((Int128)from.Units * move / 1_000_000));
                var last = guard.LastAccepted!.Value;
                var decision = guard.Offer(update);
                Assert.Equal(last, guard.LastAccepted); // offering never changes the guard
                var inBandOfLast = Within(update, last, c.Band);
                if (!update.IsPositive)
                {
                    Assert.Equal(PriceJumpOutcome.Rejected, decision.Outcome);
                }
                else if (guard.Pending is { } pending)
                {
                    Assert.Equal(PriceJumpOutcome.HeldForConfirmation, previousOutcome);
                    Assert.Equal(previousUpdate, pending);
                    var expected = Within(update, pending, c.Band) ? PriceJumpOutcome.Confirmed
                        : inBandOfLast ? PriceJumpOutcome.Accepted
                        : PriceJumpOutcome.Rejected;
                    Assert.Equal(expected, decision.Outcome);
                }
                else
                {
                    // Always accepts an in-band move; never accepts an out-of-band one without a pending jump to confirm.
                    Assert.Equal(inBandOfLast ? PriceJumpOutcome.Accepted : PriceJumpOutcome.HeldForConfirmation, decision.Outcome);
                }

                if (decision.IsAccepted)
                {
                    // Accepted in band of the last accepted price, or confirmed: in band of the update just before it, which was held.
                    Assert.True(inBandOfLast || (decision.Outcome == PriceJumpOutcome.Confirmed && Within(update, previousUpdate!.Value, c.Band)), $"{update} accepted unconfirmed");
                    reference = update;
                }

                Assert.Equal(reference, decision.Standing);
                Assert.Equal(decision.Outcome == PriceJumpOutcome.HeldForConfirmation ? update : null, decision.Next.Pending);
                guard = decision.Next;
                previousUpdate = update.IsPositive ? update : c.Start;
                previousOutcome = decision.Outcome;
            }
        });
    }

    private static bool Within(Price price, Price reference, Rate band)
    {
        var distance = Fraction.Of(price) - Fraction.Of(reference);
        return Fraction.Max(distance, -distance) <= Fraction.Of(band) * Fraction.Of(reference);
    }
}
