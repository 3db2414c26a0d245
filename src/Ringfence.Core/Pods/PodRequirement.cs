using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pods;

/// <summary>A pod's requirements in one asset: initial (to open and to withdraw) and maintenance (to stay open).</summary>
public readonly record struct PodRequirement(Money Initial, Money Maintenance);
