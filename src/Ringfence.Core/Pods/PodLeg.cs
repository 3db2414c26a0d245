using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Pods;

/// <summary>One position of a pod, with what a pod margin model needs to value it.</summary>
/// <param name="Position">The position (in one-way mode a pod's trades in one instrument net into one position).</param>
/// <param name="Contract">The instrument's contract valuation.</param>
/// <param name="Model">The instrument's margin mathematics.</param>
/// <param name="Mark">The price to value it at.</param>
public sealed record PodLeg(Position Position, ContractSpec Contract, IsolatedMarginModel Model, Price Mark)
{
    /// <summary>The leg as a margin-less position, for requirement arithmetic.</summary>
    public IsolatedPosition AsMarginPosition() => new(Contract, Position.Side, Position.Quantity, Position.EntryPrice, Money.Zero);
}
