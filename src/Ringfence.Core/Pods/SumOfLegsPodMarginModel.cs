using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pods;

/// <summary>
/// The pod requirement of linear and inverse futures: the sum of each leg's tiered requirement at mark. Netting happens
/// before this model sees the legs: one-way mode keeps one net position per instrument in a pod, so a long and a
/// short of the same instrument offset into one leg.
/// </summary>
public sealed class SumOfLegsPodMarginModel : IPodMarginModel
{
    /// <summary>The shared instance (the model has no state).</summary>
    public static SumOfLegsPodMarginModel Instance { get; } = new();

    /// <inheritdoc/>
    public PodRequirement Requirement(IReadOnlyList<PodLeg> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        var initial = Money.Zero;
        var maintenance = Money.Zero;
        foreach (var leg in legs)
        {
            var position = leg.AsMarginPosition();
            initial += leg.Model.InitialMargin(leg.Contract, position.Side, position.Quantity, leg.Mark, leg.Position.Leverage);
            maintenance += leg.Model.MaintenanceMargin(position, leg.Mark);
        }

        return new PodRequirement(initial, maintenance);
    }
}
