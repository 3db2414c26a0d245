using Ringfence.Core.Numerics;

namespace Ringfence.Core.Instruments;

/// <summary>
/// One row of a risk tier table as a venue publishes it, before validation.
/// </summary>
/// <param name="Cap">Upper bound of the tier's notional (inclusive), in the settle asset; null only for the last, unbounded tier.</param>
/// <param name="MaintenanceRate">Maintenance margin rate (MMR) of the tier.</param>
/// <param name="MaintenanceAmount">
/// The tier's maintenance amount ("cum", "MM deduction"); null to derive it by the cumulative recursion.
/// </param>
/// <param name="MaxLeverage">Maximum leverage allowed while the notional is in this tier; null for no limit.</param>
public readonly record struct RiskTierSpec(Money? Cap, Rate MaintenanceRate, Money? MaintenanceAmount = null, Leverage? MaxLeverage = null);
