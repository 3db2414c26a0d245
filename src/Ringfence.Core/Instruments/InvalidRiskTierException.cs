namespace Ringfence.Core.Instruments;

/// <summary>A risk tier table failed validation; says which tier and which field.</summary>
public sealed class InvalidRiskTierException : ArgumentException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="tierIndex">0-based index of the offending tier (or -1 for the table as a whole).</param>
    /// <param name="property">The field at fault.</param>
    /// <param name="message">What is wrong, in words.</param>
    public InvalidRiskTierException(int tierIndex, RiskTierProperty property, string message)
        : base(message)
    {
        TierIndex = tierIndex;
        Property = property;
    }

    /// <summary>0-based index of the offending tier, or -1 when the table as a whole is at fault.</summary>
    public int TierIndex { get; }

    /// <summary>The field at fault.</summary>
    public RiskTierProperty Property { get; }
}
