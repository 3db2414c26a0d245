using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Instruments;

/// <summary>
/// Derived maintenance amounts follow the cumulative recursion, the requirement is continuous at every cap, and a
/// notional maps to the tier whose (floor, cap] contains it.
/// </summary>
public sealed class RiskTierTablePropertiesTests
{
    private static Gen<RiskTierSpec[]> Specs =>
        Draw.Value<Money>(Draw.Between(1, 100_000_000).Select(n => n * FixedPoint.Scale)).SelectMany(TierTables.Around);

    [Fact]
    public void Derived_amounts_follow_cum_n_equals_cum_before_plus_floor_times_rate_step()
    {
        PropertyCases.Verify(Specs, specs =>
        {
            var tiers = RiskTierTable.Create(specs).Tiers;
            var cum = specs[0].MaintenanceAmount is { } given ? Fraction.Of(given) : Fraction.Zero;
            var floor = Fraction.Zero;
            for (var i = 0; i < specs.Length; i++)
            {
                if (i > 0)
                {
                    cum += floor * (Fraction.Of(specs[i].MaintenanceRate) - Fraction.Of(specs[i - 1].MaintenanceRate));
                }

                Assert.Equal(cum, Fraction.Of(tiers[i].MaintenanceAmount));
                Assert.Equal(floor, Fraction.Of(tiers[i].Floor));
                Assert.Equal(specs[i].Cap, tiers[i].Cap);
                Assert.Equal(specs[i].MaintenanceRate, tiers[i].MaintenanceRate);
                Assert.Equal(specs[i].MaxLeverage, tiers[i].MaxLeverage);
                floor = specs[i].Cap is { } cap ? Fraction.Of(cap) : floor;
            }
        });
    }

    [Fact]
    public void Giving_the_recursion_own_amounts_is_accepted_and_changes_nothing()
    {
        PropertyCases.Verify(Specs, specs =>
        {
            var derived = RiskTierTable.Create(specs).Tiers;
            var given = RiskTierTable.Create(specs.Select((s, i) => s with { MaintenanceAmount = derived[i].MaintenanceAmount }).ToArray()).Tiers;
            Assert.Equal(derived, given);
        });
    }

    [Fact]
    public void Maintenance_is_continuous_at_every_cap()
    {
        PropertyCases.Verify(Specs, specs =>
        {
            var tiers = RiskTierTable.Create(specs).Tiers;
            for (var i = 0; i + 1 < tiers.Count; i++)
            {
                var cap = tiers[i].Cap!.Value;
                Assert.Equal(Requirement(tiers[i], Fraction.Of(cap)), Requirement(tiers[i + 1], Fraction.Of(cap)));
                Assert.Equal(tiers[i].MaintenanceMargin(cap), tiers[i + 1].MaintenanceMargin(cap));
            }
        });
    }

    [Fact]
    public void ForNotional_picks_the_tier_whose_floor_to_cap_contains_the_notional()
    {
        var cases =
            from specs in Specs
            from pick in Gen.Choose(0, 3)
            from tierIndex in Gen.Choose(0, specs.Length - 1)
            from offset in Draw.Between(-2, 2)
            from anywhere in Draw.Between(0, 4 * (specs.Select(s => s.Cap?.Units ?? 0).Max() + 1))
            select (specs, notional: pick == 0 ? anywhere : Math.Max(0, (specs[tierIndex].Cap?.Units ?? specs[0].Cap?.Units ?? 100) + offset));
        PropertyCases.Verify(cases, t =>
        {
            var table = RiskTierTable.Create(t.specs);
            var notional = Money.FromUnits(t.notional);
            var caps = t.specs.Select(s => s.Cap).ToArray();

            // Independently: the number of caps strictly below the notional is the tier's index (capped at the last tier).
            var expected = Math.Min(caps.Count(c => c is { } cap && cap < notional), caps.Length - 1);
            var tier = table.ForNotional(notional);
            Assert.Equal(expected + 1, tier.Number);
            Assert.Same(table.Tiers[expected], tier);
            Assert.True(tier.Contains(notional) || !table.Admits(notional));
            Assert.Equal(caps[^1] is not { } max || notional <= max, table.Admits(notional));
            Assert.Single(table.Tiers, x => x.Contains(notional) || (!table.Admits(notional) && x.Number == caps.Length));
        });
    }

    [Fact]
    public void Caps_are_inclusive_and_the_first_tier_contains_zero()
    {
        var table = RiskTierTable.Create([new(Money.Parse("100"), Rate.Parse("0.01")), new(Money.Parse("200"), Rate.Parse("0.02"))]);
        Assert.Equal(1, table.ForNotional(Money.Zero).Number);
        Assert.Equal(1, table.ForNotional(Money.Parse("100")).Number);
        Assert.Equal(2, table.ForNotional(Money.Parse("100.00000001")).Number);
        Assert.Equal(2, table.ForNotional(Money.Parse("200")).Number);
        Assert.True(table.Admits(Money.Parse("200")));
        Assert.False(table.Admits(Money.Parse("200.00000001")));
        Assert.Equal(2, table.ForNotional(Money.Parse("1000")).Number);
        Assert.Equal(Money.Parse("200"), table.MaxNotional);
    }

    [Fact]
    public void Flat_is_one_unbounded_tier()
    {
        var table = RiskTierTable.Flat(Rate.Parse("0.125"), Money.Parse("11.81"), Leverage.FromWhole(4));
        var tier = Assert.Single(table.Tiers);
        Assert.Equal(new RiskTier(1, Money.Zero, null, Rate.Parse("0.125"), Money.Parse("11.81"), Leverage.FromWhole(4)), tier);
        Assert.True(table.Admits(Money.FromUnits(FixedPoint.MaxUnits)));
    }

    private static Fraction Requirement(RiskTier tier, Fraction notional) =>
        (notional * Fraction.Of(tier.MaintenanceRate)) - Fraction.Of(tier.MaintenanceAmount);
}
