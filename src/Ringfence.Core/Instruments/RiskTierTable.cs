using Ringfence.Core.Numerics;

namespace Ringfence.Core.Instruments;

/// <summary>
/// A validated, ordered table of risk tiers (liquidity depth): the deeper the notional, the higher the maintenance
/// rate and the lower the maximum leverage. Maintenance amounts follow the cumulative recursion published by Binance
/// and Hyperliquid, <c>cum₁ = given or 0</c>, <c>cumₙ = cumₙ₋₁ + floorₙ × (MMRₙ − MMRₙ₋₁)</c>, which makes the maintenance
/// margin continuous where the notional crosses a cap.
/// </summary>
public sealed class RiskTierTable
{
    private readonly RiskTier[] _tiers;

    private RiskTierTable(RiskTier[] tiers) => _tiers = tiers;

    /// <summary>The tiers, lowest first.</summary>
    public IReadOnlyList<RiskTier> Tiers => _tiers;

    /// <summary>The largest notional the table admits, or null when the last tier is unbounded.</summary>
    public Money? MaxNotional => _tiers[^1].Cap;

    /// <summary>A one-tier, unbounded table: a flat maintenance rate with an optional maintenance amount.</summary>
    public static RiskTierTable Flat(Rate maintenanceRate, Money? maintenanceAmount = null, Leverage? maxLeverage = null) =>
        Create([new RiskTierSpec(null, maintenanceRate, maintenanceAmount, maxLeverage)]);

    /// <summary>
    /// Validates a table and derives missing maintenance amounts. Caps must be positive and strictly ascending
    /// (only the last may be open), rates in [0, 1) and non-decreasing, maximum leverages at least 1 and
    /// non-increasing, and a given maintenance amount must equal the recursion's value exactly.
    /// </summary>
    /// <exception cref="InvalidRiskTierException">The table is invalid; the exception names the tier and field.</exception>
    public static RiskTierTable Create(IReadOnlyList<RiskTierSpec> specs)
    {
        ArgumentNullException.ThrowIfNull(specs);
        if (specs.Count == 0)
        {
            throw new InvalidRiskTierException(-1, RiskTierProperty.Cap, "A risk tier table needs at least one tier.");
        }

        var tiers = new RiskTier[specs.Count];
        var floor = Money.Zero;
        for (var i = 0; i < specs.Count; i++)
        {
            var spec = specs[i];
            ValidateCap(specs, i, floor);
            ValidateRate(specs, i);
            ValidateMaxLeverage(specs, i);

            var derived = i == 0
                ? spec.MaintenanceAmount ?? Money.Zero
                : tiers[i - 1].MaintenanceAmount + floor.MultiplyBy(spec.MaintenanceRate - specs[i - 1].MaintenanceRate, Rounding.Down);
            if (i > 0 && !ExactProduct(floor, spec.MaintenanceRate - specs[i - 1].MaintenanceRate))
            {
                throw new InvalidRiskTierException(i, RiskTierProperty.MaintenanceRate,
                    $"the maintenance amount floor × ΔMMR = {floor} × {spec.MaintenanceRate - specs[i - 1].MaintenanceRate} is not exact to 8 decimals");
            }

            if (i == 0 && derived.IsNegative)
            {
                throw new InvalidRiskTierException(0, RiskTierProperty.MaintenanceAmount, $"maintenance amount {derived} must not be negative");
            }

            if (spec.MaintenanceAmount is { } given && given != derived)
            {
                throw new InvalidRiskTierException(i, RiskTierProperty.MaintenanceAmount,
                    $"maintenance amount {given} breaks continuity: cum = previous cum + floor × (MMR − previous MMR) = {derived}");
            }

            tiers[i] = new RiskTier(i + 1, floor, spec.Cap, spec.MaintenanceRate, derived, spec.MaxLeverage);
            floor = spec.Cap ?? floor;
        }

        return new RiskTierTable(tiers);
    }

    /// <summary>
    /// The tier containing <paramref name="notional"/> (caps inclusive). A notional beyond a bounded last tier maps to
    /// the last tier; use <see cref="Admits"/> to reject it where that matters (pre-trade).
    /// </summary>
    public RiskTier ForNotional(Money notional)
    {
        foreach (var tier in _tiers)
        {
            if (tier.Cap is not { } cap || notional <= cap)
            {
                return tier;
            }
        }

        return _tiers[^1];
    }

    /// <summary>True when the table has a tier for <paramref name="notional"/>.</summary>
    public bool Admits(Money notional) => MaxNotional is not { } max || notional <= max;

    private static void ValidateCap(IReadOnlyList<RiskTierSpec> specs, int i, Money floor)
    {
        var cap = specs[i].Cap;
        if (cap is null)
        {
            if (i != specs.Count - 1)
            {
                throw new InvalidRiskTierException(i, RiskTierProperty.Cap, "only the last tier may omit its cap");
            }

            return;
        }

        if (!cap.Value.IsPositive)
        {
            throw new InvalidRiskTierException(i, RiskTierProperty.Cap, $"cap {cap} must be positive");
        }

        if (i > 0 && cap.Value <= floor)
        {
            throw new InvalidRiskTierException(i, RiskTierProperty.Cap, $"cap {cap} must be above the previous cap {floor}");
        }
    }

    private static void ValidateRate(IReadOnlyList<RiskTierSpec> specs, int i)
    {
        var rate = specs[i].MaintenanceRate;
        if (rate.IsNegative || rate >= Rate.One)
        {
            throw new InvalidRiskTierException(i, RiskTierProperty.MaintenanceRate, $"maintenance rate {rate} must be in [0, 1)");
        }

        if (i > 0 && rate < specs[i - 1].MaintenanceRate)
        {
            throw new InvalidRiskTierException(i, RiskTierProperty.MaintenanceRate,
                $"maintenance rate {rate} must not be below the previous tier's {specs[i - 1].MaintenanceRate}");
        }
    }

    private static void ValidateMaxLeverage(IReadOnlyList<RiskTierSpec> specs, int i)
    {
        if (specs[i].MaxLeverage is not { } leverage)
        {
            if (i > 0 && specs[i - 1].MaxLeverage is { } limited)
            {
                throw new InvalidRiskTierException(i, RiskTierProperty.MaxLeverage,
                    $"a tier without a maximum leverage cannot follow one limited to {limited}");
            }

            return;
        }

        if (leverage < Leverage.One)
        {
            throw new InvalidRiskTierException(i, RiskTierProperty.MaxLeverage, $"maximum leverage {leverage} must be at least 1");
        }

        if (i > 0 && specs[i - 1].MaxLeverage is { } previous && leverage > previous)
        {
            throw new InvalidRiskTierException(i, RiskTierProperty.MaxLeverage,
                $"maximum leverage {leverage} must not exceed the previous tier's {previous}");
        }
    }

    private static bool ExactProduct(Money amount, Rate rate) =>
        amount.MultiplyBy(rate, Rounding.Down) == amount.MultiplyBy(rate, Rounding.Up);
}
