namespace Ringfence.Core.Instruments;

/// <summary>The field of a risk tier that a validation error is about.</summary>
public enum RiskTierProperty
{
    /// <summary>The notional cap.</summary>
    Cap,

    /// <summary>The maintenance margin rate.</summary>
    MaintenanceRate,

    /// <summary>The maintenance amount.</summary>
    MaintenanceAmount,

    /// <summary>The maximum leverage.</summary>
    MaxLeverage,
}
