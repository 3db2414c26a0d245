using Ringfence.Core.Liquidation;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Liquidation;

/// <summary>
/// The liquidity model: price impact of a notional from cumulative depth points, linear from (0, 0) through the points,
/// the last segment extended beyond the last point, capped, rounded up.
/// </summary>
public sealed class DepthCurveTests
{
    /// <summary>1,000,000 within 1%, 2,000,000 within 2%, 10,000,000 within 5%.</summary>
    private static DepthCurve Curve(Rate? cap = null) => DepthCurve.Create(
        [(Money.FromWhole(1_000_000), Rate.Parse("0.01")), (Money.FromWhole(2_000_000), Rate.Parse("0.02")), (Money.FromWhole(10_000_000), Rate.Parse("0.05"))], cap);

    [Theory]
    [InlineData("0", "0")]
    [InlineData("500000", "0.005")] // 500,000 × 1% ÷ 1,000,000, from (0, 0) to the first point
    [InlineData("1000000", "0.01")] // exactly on the first point
    [InlineData("1500000", "0.015")] // 1% + 500,000 × 1% ÷ 1,000,000
    [InlineData("2000000", "0.02")]
    [InlineData("6000000", "0.035")] // 2% + 4,000,000 × 3% ÷ 8,000,000
    [InlineData("10000000", "0.05")]
    public void Impact_is_interpolated_linearly_between_the_depth_points(string notional, string impact)
    {
        Assert.Equal(Rate.Parse(impact), Curve().ImpactOf(Money.Parse(notional)));
    }

    [Fact]
    public void Beyond_the_last_point_the_last_segment_is_extended()
    {
        // 2% + (20,000,000 − 2,000,000) × 3% ÷ 8,000,000 = 2% + 6.75% = 8.75%.
        Assert.Equal(Rate.Parse("0.0875"), Curve().ImpactOf(Money.FromWhole(20_000_000)));
    }

    [Fact]
    public void A_single_point_extends_its_own_slope_from_zero()
    {
        var curve = DepthCurve.Create([(Money.FromWhole(1_000_000), Rate.Parse("0.01"))]);

        // 3,000,000 × 1% ÷ 1,000,000 = 3%.
        Assert.Equal(Rate.Parse("0.03"), curve.ImpactOf(Money.FromWhole(3_000_000)));
        Assert.Equal(Rate.Parse("0.0025"), curve.ImpactOf(Money.FromWhole(250_000)));
    }

    [Fact]
    public void The_impact_is_capped_at_half_by_default_or_at_the_given_cap()
    {
        // 2% + 198,000,000 × 3% ÷ 8,000,000 = 76.25%, capped at 50%; with a 10% cap, 10%.
        Assert.Equal(Rate.Parse("0.5"), Curve().MaxImpact);
        Assert.Equal(Rate.Parse("0.5"), Curve().ImpactOf(Money.FromWhole(200_000_000)));
        Assert.Equal(Rate.Parse("0.1"), Curve(Rate.Parse("0.1")).ImpactOf(Money.FromWhole(200_000_000)));
        // 8.75% is under the 10% cap.
        Assert.Equal(Rate.Parse("0.0875"), Curve(Rate.Parse("0.1")).ImpactOf(Money.FromWhole(20_000_000)));
    }

    [Fact]
    public void The_impact_is_rounded_up_to_the_next_10_to_the_minus_8()
    {
        var curve = DepthCurve.Create([(Money.FromWhole(3_000_000), Rate.Parse("0.01"))]);

        // 1,000,000 × 1% ÷ 3,000,000 = 0.0033333333…, rounded up (against the liquidated holder).
        Assert.Equal(Rate.Parse("0.00333334"), curve.ImpactOf(Money.FromWhole(1_000_000)));
    }

    [Fact]
    public void No_curve_means_no_impact()
    {
        Assert.Equal(Rate.Zero, DepthCurve.None.ImpactOf(Money.FromWhole(1_000_000_000)));
        Assert.Empty(DepthCurve.None.Points);
        Assert.Equal(Rate.Zero, Curve().ImpactOf(Money.FromWhole(-5)));
    }

    [Theory]
    [InlineData("0", "0.01", "positive")]
    [InlineData("-1", "0.01", "positive")]
    [InlineData("1000", "0", "positive")]
    [InlineData("1000", "1", "(0, 1)")]
    [InlineData("1000", "-0.01", "(0, 1)")]
    public void A_point_needs_a_positive_notional_and_an_impact_between_0_and_1(string notional, string impact, string words)
    {
        var invalid = Assert.Throws<ArgumentException>(() => DepthCurve.Create([(Money.Parse(notional), Rate.Parse(impact))]));

        Assert.Contains("depth point 0", invalid.Message, StringComparison.Ordinal);
        Assert.Contains(words, invalid.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1000", "0.02")] // same notional
    [InlineData("900", "0.02")] // falling notional
    [InlineData("2000", "0.01")] // same impact
    [InlineData("2000", "0.005")] // falling impact
    public void Notionals_and_impacts_must_both_rise(string notional, string impact)
    {
        var invalid = Assert.Throws<ArgumentException>(() =>
            DepthCurve.Create([(Money.FromWhole(1_000), Rate.Parse("0.01")), (Money.Parse(notional), Rate.Parse(impact))]));

        Assert.Contains("depth point 1: notional and impact must rise", invalid.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_points_are_kept_nearest_first()
    {
        Assert.Equal(
            [(Money.FromWhole(1_000_000), Rate.Parse("0.01")), (Money.FromWhole(2_000_000), Rate.Parse("0.02")), (Money.FromWhole(10_000_000), Rate.Parse("0.05"))],
            Curve().Points);
    }
}
