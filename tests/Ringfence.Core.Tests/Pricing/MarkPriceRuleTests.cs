using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pricing;
using static Ringfence.Core.Tests.Margin.PublishedExamples.Examples;

namespace Ringfence.Core.Tests.Pricing;

/// <summary>Mark price rules: exact against a rational recomputation, rounded down, and never outside their band.</summary>
public sealed class MarkPriceRuleTests
{
    private static readonly TimeSpan EightHours = TimeSpan.FromHours(8);

    [Fact]
    public void Funding_basis_is_rounded_down_to_the_unit()
    {
        // 1 × 0.00000001 × 1 h ÷ 8 h = 1.25 × 10⁻⁹ → 0; negative → −1 unit.
        var rule = new FundingBasisMarkPrice(EightHours);
        Assert.Equal(P("1"), rule.Mark(new(P("1"), R("0.00000001"), TimeSpan.FromHours(1))));
        Assert.Equal(P("0.99999999"), rule.Mark(new(P("1"), R("-0.00000001"), TimeSpan.FromHours(1))));
    }

    [Fact]
    public void Funding_basis_rejects_a_time_outside_the_interval_and_a_non_positive_index()
    {
        var rule = new FundingBasisMarkPrice(EightHours);
        Assert.Throws<ArgumentOutOfRangeException>(() => rule.Mark(new(P("100"), R("0.0001"), TimeSpan.FromHours(9))));
        Assert.Throws<ArgumentOutOfRangeException>(() => rule.Mark(new(P("100"), R("0.0001"), TimeSpan.FromHours(-1))));
        Assert.Throws<ArgumentOutOfRangeException>(() => rule.Mark(new(Price.Zero, R("0.0001"), TimeSpan.FromHours(1))));
        Assert.Throws<InvalidOperationException>(() => new FundingBasisMarkPrice(TimeSpan.Zero).Mark(new(P("100"))));
    }

    [Fact]
    public void The_final_clamp_holds_the_mark_within_the_band_of_the_index()
    {
        // 10% funding over a full interval would put the mark 10% above; the 1% band holds it at 101.
        var rule = new FundingBasisMarkPrice(EightHours, R("0.01"));
        Assert.Equal(P("101"), rule.Mark(new(P("100"), R("0.1"), EightHours)));
        Assert.Equal(P("99"), rule.Mark(new(P("100"), R("-0.1"), EightHours)));
        Assert.Equal(P("110"), rule.Unclamped(new(P("100"), R("0.1"), EightHours)));
        // Bounds round inward: 0.33333333 × 1% = 0.0033333333 → reach 0.00333333.
        Assert.Equal(P("0.33666666"), rule.Mark(new(P("0.33333333"), R("0.5"), EightHours)));
        Assert.Equal(P("0.33000000"), rule.Mark(new(P("0.33333333"), R("-0.5"), EightHours)));
        Assert.Throws<InvalidOperationException>(() => (rule with { Band = R("-0.01") }).Mark(new(P("100"))));
    }

    [Fact]
    public void Moving_average_basis_averages_the_last_samples_each_clamped_to_its_band()
    {
        var rule = new MovingAverageBasisMarkPrice(3, BasisBand: R("0.01"));
        BasisSample[] samples = [new(P("150"), P("100")), new(P("100.3"), P("100")), new(P("99.9"), P("100")), new(P("105"), P("100"))];
        // The last three: +0.3, −0.1, +5 clamped to +1 → mean 0.4.
        Assert.Equal(P("100.4"), rule.Mark(new(P("100"), BasisSamples: samples)));
        // Without the clamp: (0.3 − 0.1 + 5) ÷ 3 = 1.73333333… → rounded down.
        Assert.Equal(P("101.73333333"), new MovingAverageBasisMarkPrice(3).Mark(new(P("100"), BasisSamples: samples)));
        // A negative mean rounds down too: (−0.00000001 − 0.00000001 + 0) ÷ 3 → −0.00000001.
        BasisSample[] negative = [new(P("99.99999999"), P("100")), new(P("99.99999999"), P("100")), new(P("100"), P("100"))];
        Assert.Equal(P("99.99999999"), new MovingAverageBasisMarkPrice(3).Mark(new(P("100"), BasisSamples: negative)));
        // Fewer samples than the window: averaged as they are; none: the index.
        Assert.Equal(P("100.3"), rule.Mark(new(P("100"), BasisSamples: [new(P("100.3"), P("100"))])));
        Assert.Equal(P("100"), rule.Mark(new(P("100"))));
        Assert.Throws<InvalidOperationException>(() => new MovingAverageBasisMarkPrice(0).Mark(new(P("100"))));
    }

    [Fact]
    public void Index_mark_is_the_index()
    {
        Assert.Equal(P("123.45"), new IndexMarkPrice().Mark(new(P("123.45"), R("0.01"), TimeSpan.FromHours(1), [new(P("200"), P("123.45"))])));
    }

    [Fact]
    public void Funding_basis_mark_is_the_exact_product_rounded_down_then_clamped()
    {
        var cases =
            from index in Draw.SpreadBetween(1, 100_000_000_000_000)
            from rate in Draw.Between(-5_000_000, 5_000_000)
            from minutes in Gen.Choose(0, 480)
            from band in Gen.Frequency((1, Gen.Constant<long?>(null)), (3, Draw.Between(0, 2_000_000).Select(b => (long?)b)))
            select (Index: Price.FromUnits(index), Rate: Rate.FromUnits(rate), Left: TimeSpan.FromMinutes(minutes), Band: band is { } b ? Rate.FromUnits(b) : (Rate?)null);
        PropertyCases.Verify(cases, c =>
        {
            var rule = new FundingBasisMarkPrice(EightHours, c.Band);
            var inputs = new MarkPriceInputs(c.Index, c.Rate, c.Left);
            var index = Fraction.Of(c.Index);
            var exact = index * (Fraction.Whole(1) + (Fraction.Of(c.Rate) * Fraction.Of(c.Left.Ticks, EightHours.Ticks)));
            Assert.Equal(exact.FloorUnits(), rule.Unclamped(inputs).Units);
            AssertClamped(rule, inputs);
        });
    }

    [Fact]
    public void Moving_average_mark_is_the_index_plus_the_floor_of_the_mean_clamped_basis()
    {
        var cases =
            from index in Draw.SpreadBetween(100, 10_000_000_000_000)
            from window in Gen.Choose(1, 8)
            from count in Gen.Choose(0, 12)
            from offsets in Draw.Between(-200_000, 200_000).ArrayOf(count)
            from sampleIndexes in Draw.Between(-1_000, 1_000).ArrayOf(count)
            from basisBand in Gen.Frequency((1, Gen.Constant<long?>(null)), (3, Draw.Between(0, 5_000_000).Select(b => (long?)b)))
            from band in Gen.Frequency((1, Gen.Constant<long?>(null)), (3, Draw.Between(0, 5_000_000).Select(b => (long?)b)))
            select (Index: Price.FromUnits(index), window, Samples: offsets.Zip(sampleIndexes, (o, i) => Sample(index, o, i)).ToArray(),
                    BasisBand: basisBand is { } bb ? Rate.FromUnits(bb) : (Rate?)null, Band: band is { } b ? Rate.FromUnits(b) : (Rate?)null);
        PropertyCases.Verify(cases, c =>
        {
            var rule = new MovingAverageBasisMarkPrice(c.window, c.BasisBand, c.Band);
            var inputs = new MarkPriceInputs(c.Index, BasisSamples: c.Samples);
            var used = c.Samples.Skip(Math.Max(0, c.Samples.Length - c.window)).ToArray();
            var mean = used.Length == 0 ? Fraction.Zero
                : used.Select(s => ExactClampedBasis(s, c.BasisBand)).Aggregate(Fraction.Zero, (a, b) => a + b) / Fraction.Whole(used.Length);
            Assert.Equal(c.Index.Units + mean.FloorUnits(), rule.Unclamped(inputs).Units);
            AssertClamped(rule, inputs);
        });
    }

    /// <summary>The clamped mark equals the unclamped one inside the exact band, and otherwise the inward-rounded edge.</summary>
    private static void AssertClamped(MarkPriceRule rule, MarkPriceInputs inputs)
    {
        var raw = rule.Unclamped(inputs);
        var mark = rule.Mark(inputs);
        if (rule.Band is not { } band)
        {
            Assert.Equal(raw, mark);
            return;
        }

        var index = Fraction.Of(inputs.Index);
        var reach = index * Fraction.Of(band);
        var distance = Fraction.Of(mark) - index;
        Assert.True(Fraction.Max(distance, -distance) <= reach, $"mark {mark} is beyond ±{band} of {inputs.Index}");
        var rawDistance = Fraction.Of(raw) - index;
        if (Fraction.Max(rawDistance, -rawDistance) <= Fraction.FromUnits(reach.FloorUnits()))
        {
            Assert.Equal(raw, mark);
        }
        else
        {
            Assert.Equal(rawDistance.Sign * reach.FloorUnits(), distance.FloorUnits());
        }
    }

    private static Fraction ExactClampedBasis(BasisSample sample, Rate? band)
    {
        var basis = Fraction.Of(sample.Price) - Fraction.Of(sample.Index);
        if (band is not { } b)
        {
            return basis;
        }

        var reach = Fraction.FromUnits((Fraction.Of(sample.Index) * Fraction.Of(b)).FloorUnits());
        return Fraction.Min(Fraction.Max(basis, -reach), reach);
    }

    private static BasisSample Sample(long index, long offsetPerMillion, long indexDriftPerMillion)
    {
        var sampleIndex = index + (long)((Int128)index * indexDriftPerMillion / 1_000_000);
        return new(Price.FromUnits(sampleIndex + (long)((Int128)sampleIndex * offsetPerMillion / 1_000_000)), Price.FromUnits(sampleIndex));
    }
}
