using Ringfence.Core.Numerics;

namespace Ringfence.Core.Liquidation;

/// <summary>
/// A liquidity model: the price impact of executing a given notional against the book, from cumulative depth points
/// (notional available within each distance from the mark, e.g. ±1%…±5%). Impact is interpolated linearly between
/// points, from zero at zero notional, and extrapolated with the last segment's slope beyond the last point, capped
/// at <see cref="MaxImpact"/>. Calibrated from order-book depth snapshots (docs/formulas.md).
/// </summary>
public sealed class DepthCurve
{
    private readonly (Money Notional, Rate Impact)[] _points;

    private DepthCurve((Money, Rate)[] points, Rate maxImpact)
    {
        _points = points;
        MaxImpact = maxImpact;
    }

    /// <summary>No impact: the backstop takes positions at the mark.</summary>
    public static DepthCurve None { get; } = new([], Rate.Zero);

    /// <summary>The largest impact the curve gives.</summary>
    public Rate MaxImpact { get; }

    /// <summary>The depth points, nearest first.</summary>
    public IReadOnlyList<(Money Notional, Rate Impact)> Points => _points;

    /// <summary>Validates and creates a curve: impacts and notionals strictly rising, impacts in (0, 1).</summary>
    public static DepthCurve Create(IReadOnlyList<(Money Notional, Rate Impact)> points, Rate? maxImpact = null)
    {
        ArgumentNullException.ThrowIfNull(points);
        for (var i = 0; i < points.Count; i++)
        {
            var (notional, impact) = points[i];
            if (!notional.IsPositive || !impact.IsPositive || impact >= Rate.One)
            {
                throw new ArgumentException($"depth point {i}: notional must be positive and impact in (0, 1)", nameof(points));
            }

            if (i > 0 && (notional <= points[i - 1].Notional || impact <= points[i - 1].Impact))
            {
                throw new ArgumentException($"depth point {i}: notional and impact must rise", nameof(points));
            }
        }

        var cap = maxImpact ?? Rate.Parse("0.5");
        return new DepthCurve([.. points], cap);
    }

    /// <summary>The impact of executing <paramref name="notional"/>, rounded up (against the liquidated holder).</summary>
    public Rate ImpactOf(Money notional)
    {
        if (_points.Length == 0 || !notional.IsPositive)
        {
            return Rate.Zero;
        }

        // The segment containing the notional; past the last point, the last segment extended.
        var previous = (Notional: Money.Zero, Impact: Rate.Zero);
        var next = _points[0];
        for (var i = 0; i < _points.Length && notional > _points[i].Notional; i++)
        {
            previous = i + 1 < _points.Length ? _points[i] : (i == 0 ? previous : _points[i - 1]);
            next = i + 1 < _points.Length ? _points[i + 1] : _points[i];
        }

        // impact = previous.impact + (notional − previous.notional) × Δimpact ÷ Δnotional
        var extra = FixedPoint.MulDiv((notional - previous.Notional).Units, (next.Impact - previous.Impact).Units, (next.Notional - previous.Notional).Units, Rounding.Up);
        var impact = FixedPoint.ToUnits(Int128.Min(previous.Impact.Units + extra, MaxImpact.Units));
        return Rate.FromUnits(impact);
    }
}
