namespace Ringfence.Core.Positions;

/// <summary>Where a position draws its margin from.</summary>
public enum MarginScopeKind
{
    /// <summary>Its own ring-fenced collateral: it can lose that and nothing else.</summary>
    Isolated,

    /// <summary>The account's free balance, shared with the account's other cross positions.</summary>
    Cross,

    /// <summary>A risk pod's collateral, shared with the pod's other positions and ring-fenced from the rest.</summary>
    Pod,
}
