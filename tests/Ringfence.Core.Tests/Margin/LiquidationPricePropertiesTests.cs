using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Margin;

/// <summary>
/// The key property: the liquidation price is the root of <c>equity − maintenance = 0</c>, rounded to the tick against
/// the holder, and the integer check that decides liquidation agrees with it to the tick. Judged against
/// <see cref="ExactMargin"/> over random positions of every venue profile.
/// </summary>
public sealed class LiquidationPricePropertiesTests
{
    [Fact]
    public void Liquidation_price_is_the_first_tick_at_or_beyond_the_exact_root()
    {
        var resolved = 0;
        var solved = 0;
        PropertyCases.Verify(MarginCases.Any, c =>
        {
            if (c.LiquidationPrice(c.Tick) is not { } price)
            {
                AssertPositiveEverywhere(c, MarginProbes.Around(c));
                return;
            }

            Assert.True(price.Units % c.Tick.Units == 0, $"{price} is not a multiple of the tick; {c}");
            solved++;
            var inside = c.IsLong ? price - c.Tick : price + c.Tick; // one tick further into the loss: liquidated
            var outside = c.IsLong ? price + c.Tick : price - c.Tick; // one tick back toward safety: safe, where a tick resolves
            if (!c.IsLong && (price == Price.Zero || Cushion(c, price) < Fraction.Zero))
            {
                // A short whose root is below one tick, or liquidated at every price (it gets one tick).
                AssertLiquidated(c, c.Tick);
                return;
            }

            if (c.IsLong && price == Price.FromUnits(FixedPoint.MaxUnits).RoundTo(c.Tick, Rounding.Down))
            {
                // A long liquidated at every price gets the largest tick, the price that triggers at once.
                AssertLiquidated(c, c.Position.EntryPrice);
                return;
            }

            Assert.True(Cushion(c, price) >= Fraction.Zero, $"equity is below maintenance at the liquidation price {price}; {c}");
            if (inside.IsPositive || (c.IsLinear && inside == Price.Zero))
            {
                AssertLiquidated(c, inside);
            }

            if (outside.IsPositive && Cushion(c, outside) >= Fraction.FromUnits(ExactMargin.IntegerCheckSlackUnits))
            {
                resolved++;
                Assert.False(c.Model.IsLiquidatable(c.Position, outside), $"liquidatable one tick before the liquidation price, at {outside}; {c}");
            }

            AssertIntegerCheckRoundsAgainstTheHolder(c, price);
        });

        // The tick resolution promised by the case ranges: nearly every solved case also checks the safe side.
        Assert.True(resolved >= solved * 9 / 10, $"only {resolved} of {solved} cases resolved one tick");
    }

    [Fact]
    public void Integer_check_never_rounds_for_the_holder()
    {
        var cases = from c in MarginCases.Any from factor in Gen.Choose(250, 4000) select (c, factor);
        PropertyCases.Verify(cases, t =>
        {
            var price = Price.FromUnits(t.c.Position.EntryPrice.Units / 1000 * t.factor);
            AssertIntegerCheckRoundsAgainstTheHolder(t.c, price);
            if (t.c.LiquidationPrice(Price.FromUnits(1)) is { IsPositive: true } exact)
            {
                AssertIntegerCheckRoundsAgainstTheHolder(t.c, exact);
                AssertIntegerCheckRoundsAgainstTheHolder(t.c, exact + Price.FromUnits(1));
                if (exact.Units > 1)
                {
                    AssertIntegerCheckRoundsAgainstTheHolder(t.c, exact - Price.FromUnits(1));
                }
            }
        });
    }

    [Fact]
    public void Adding_margin_never_moves_a_long_liquidation_price_up_or_a_short_one_down()
    {
        var cases = from c in MarginCases.Any from added in Draw.SpreadBetween(1, 2 * c.InitialMargin.Units) select (c, added);
        PropertyCases.Verify(cases, t =>
        {
            var (c, added) = t;
            var more = c.Position.WithMarginChange(Money.FromUnits(added));
            var before = c.LiquidationPrice(c.Tick);
            var after = c.Model.LiquidationPrice(more, c.Tick);

            if (before is not { } was)
            {
                Assert.Null(after); // no liquidation price stays none
                return;
            }

            if (after is { } now)
            {
                Assert.True(c.IsLong ? now <= was : now >= was, $"adding margin moved the liquidation price from {was} to {now}; {c}");
            }
        });
    }

    [Fact]
    public void The_tier_at_the_liquidation_price_contains_the_notional_there()
    {
        PropertyCases.Verify(MarginCases.Any, c =>
        {
            if (c.LiquidationPrice(c.Tick) is not { IsPositive: true } lp)
            {
                return;
            }

            var valuedAt = c.Model.Profile.Valuation == MaintenanceValuation.AtEntry ? c.Position.EntryPrice : lp;
            var notional = ExactMargin.Notional(c.Position, Fraction.Of(valuedAt));
            var caps = c.Model.Tiers.Tiers.Select(t => t.Cap).ToArray();
            var expected = Math.Min(caps.Count(cap => cap is { } value && Fraction.Of(value) < notional), caps.Length - 1) + 1;
            var tier = c.Model.TierAt(c.Position, lp);
            Assert.Equal(expected, tier.Number);

            // And that tier's piece is the requirement there: the tax-bracket form is the largest of the pieces.
            var piece = (notional * Fraction.Of(tier.MaintenanceRate)) - Fraction.Of(tier.MaintenanceAmount);
            Assert.Equal(ExactMargin.Tiered(c.Model.Tiers, notional), Fraction.Max(Fraction.Zero, piece));
        });
    }

    private static Fraction Cushion(MarginCase c, Price price) => ExactMargin.Cushion(c.Model, c.Position, Fraction.Of(price));

    private static void AssertLiquidated(MarginCase c, Price price)
    {
        Assert.True(Cushion(c, price) <= Fraction.Zero, $"equity is above maintenance one tick past the liquidation price, at {price}; {c}");
        Assert.True(c.Model.IsLiquidatable(c.Position, price), $"not liquidatable one tick past the liquidation price, at {price}; {c}");
    }

    private static void AssertPositiveEverywhere(MarginCase c, IEnumerable<Price> probes)
    {
        foreach (var probe in probes)
        {
            Assert.True(Cushion(c, probe) > Fraction.Zero, $"no liquidation price, yet equity ≤ maintenance at {probe}; {c}");
            Assert.False(c.Model.IsLiquidatable(c.Position, probe), $"no liquidation price, yet liquidatable at {probe}; {c}");
        }
    }

    /// <summary>Exactly at or below maintenance is liquidatable; clearly above it (more than the rounding) is not.</summary>
    private static void AssertIntegerCheckRoundsAgainstTheHolder(MarginCase c, Price price)
    {
        var cushion = Cushion(c, price);
        if (cushion <= Fraction.Zero)
        {
            Assert.True(c.Model.IsLiquidatable(c.Position, price), $"exact equity ≤ maintenance at {price} (cushion {cushion}) but not liquidatable; {c}");
        }
        else if (cushion >= Fraction.FromUnits(ExactMargin.IntegerCheckSlackUnits))
        {
            Assert.False(c.Model.IsLiquidatable(c.Position, price), $"exact cushion {cushion} at {price} but liquidatable; {c}");
        }
    }
}
