using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Instruments;

/// <summary>
/// Random valid risk tier tables of 1 to 6 tiers whose caps spread around a typical notional, so that positions cross
/// tiers between entry and liquidation. Caps and rates are multiples of 10⁻⁴, so floor × ΔMMR is exact to 8 decimals;
/// maintenance amounts are left to the recursion except, at times, a positive first one.
/// </summary>
internal static class TierTables
{
    /// <summary>Granularity of caps, first-tier amounts and rates, in units: 0.0001.</summary>
    public const long Step = 10_000;

    /// <summary>The largest maintenance rate drawn.</summary>
    public static readonly Rate HighestRate = Rate.Parse("0.5");

    /// <summary>A table around <paramref name="typicalNotional"/> with random (non-increasing) maximum leverages or none.</summary>
    public static Gen<RiskTierSpec[]> Around(Money typicalNotional) =>
        from shape in Shapes(typicalNotional)
        from leverages in Gen.Choose(1, 125).ArrayOf(shape.Length)
        from limited in Gen.Elements(true, false)
        let sorted = leverages.OrderByDescending(l => l).ToArray()
        select shape.Select((spec, i) => spec with { MaxLeverage = limited ? Leverage.FromWhole(sorted[i]) : null }).ToArray();

    /// <summary>
    /// A table whose maximum leverages are ones a venue would publish: at most 1 ÷ (2 × (MMR + fee)), so that the
    /// initial margin at any admitted leverage is well above the maintenance requirement (at least 1).
    /// </summary>
    public static Gen<RiskTierSpec[]> AdmissibleAround(Money typicalNotional, Rate takerFee) =>
        Shapes(typicalNotional).Select(shape => shape
            .Select(spec => spec with { MaxLeverage = Leverage.FromWhole(AdmissibleLeverage(spec.MaintenanceRate.Units + takerFee.Units)) })
            .ToArray());

    private static long AdmissibleLeverage(long rateUnits) =>
        rateUnits == 0 ? 125 : Math.Clamp(FixedPoint.Scale / (2 * rateUnits), 1, 125);

    private static Gen<RiskTierSpec[]> Shapes(Money typicalNotional) =>
        from count in Gen.Choose(1, 6)
        from firstCapPerMille in Gen.Choose(50, 800)
        from growthsPerMille in Gen.Choose(100, 1000).ArrayOf(count)
        from firstRate in Gen.Choose(0, 500)
        from rateSteps in Gen.Frequency((1, Gen.Constant(0)), (4, Gen.Choose(1, 1000))).ArrayOf(count)
        from lastBounded in Gen.Frequency((3, Gen.Constant(false)), (1, Gen.Constant(true)))
        from firstAmountPerMille in Gen.Frequency((3, Gen.Constant(0)), (1, Gen.Choose(1, 50)))
        select Build(typicalNotional, count, firstCapPerMille, growthsPerMille, firstRate, rateSteps, lastBounded, firstAmountPerMille);

    private static RiskTierSpec[] Build(
        Money typicalNotional, int count, int firstCapPerMille, int[] growthsPerMille, int firstRate, int[] rateSteps, bool lastBounded, int firstAmountPerMille)
    {
        var specs = new RiskTierSpec[count];
        var cap = Math.Max(Step, RoundToStep(typicalNotional.Units / 1000 * firstCapPerMille));
        var rate = (long)firstRate;
        for (var i = 0; i < count; i++)
        {
            if (i > 0)
            {
                cap = Math.Max(cap + Step, RoundToStep(cap / 1000 * (1000 + growthsPerMille[i])));
                rate = Math.Min(HighestRate.Units / Step, rate + rateSteps[i]);
            }

            var bounded = i < count - 1 || lastBounded;
            var amount = i == 0 && firstAmountPerMille > 0
                ? Money.FromUnits(Math.Max(Step, RoundToStep(typicalNotional.Units / 1000 * firstAmountPerMille)))
                : (Money?)null;
            specs[i] = new RiskTierSpec(bounded ? Money.FromUnits(cap) : null, Rate.FromUnits(rate * Step), amount);
        }

        return specs;
    }

    private static long RoundToStep(long units) => units / Step * Step;
}
