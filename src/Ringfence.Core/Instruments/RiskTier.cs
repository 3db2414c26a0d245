using Ringfence.Core.Numerics;

namespace Ringfence.Core.Instruments;

/// <summary>
/// A validated risk tier: within (<see cref="Floor"/>, <see cref="Cap"/>] of notional the maintenance margin is
/// <c>notional × MaintenanceRate − MaintenanceAmount</c> (the "tax bracket" form, continuous across tiers).
/// </summary>
/// <param name="Number">1-based position in its table.</param>
/// <param name="Floor">Lower bound of the notional (exclusive; 0 for the first tier), in the settle asset.</param>
/// <param name="Cap">Upper bound of the notional (inclusive); null for an unbounded last tier.</param>
/// <param name="MaintenanceRate">Maintenance margin rate.</param>
/// <param name="MaintenanceAmount">The cumulative maintenance amount that keeps the requirement continuous.</param>
/// <param name="MaxLeverage">Maximum leverage in this tier; null for no limit.</param>
public sealed record RiskTier(int Number, Money Floor, Money? Cap, Rate MaintenanceRate, Money MaintenanceAmount, Leverage? MaxLeverage)
{
    /// <summary>True when <paramref name="notional"/> falls in this tier.</summary>
    public bool Contains(Money notional) =>
        (Number == 1 || notional > Floor) && (Cap is not { } cap || notional <= cap);

    /// <summary>The maintenance margin of a notional under this tier, rounded up (a requirement).</summary>
    public Money MaintenanceMargin(Money notional) =>
        notional.MultiplyBy(MaintenanceRate, Rounding.Up) - MaintenanceAmount;
}
