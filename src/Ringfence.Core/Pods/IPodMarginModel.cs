namespace Ringfence.Core.Pods;

/// <summary>
/// How a pod's requirement is computed from its legs. Pluggable so that option legs can be margined by a scenario
/// grid (legs netting across price and volatility moves) while futures-only pods use <see cref="SumOfLegsPodMarginModel"/>.
/// </summary>
public interface IPodMarginModel
{
    /// <summary>The requirement of legs that all settle in the same asset.</summary>
    PodRequirement Requirement(IReadOnlyList<PodLeg> legs);
}
