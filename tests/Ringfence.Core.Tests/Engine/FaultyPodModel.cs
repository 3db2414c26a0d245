using Ringfence.Core.Pods;

namespace Ringfence.Core.Tests.Engine;

/// <summary>
/// A pod margin model that fails on demand, the way faults nobody foresaw are injected into the engine (the model is
/// its one pluggable part): while <see cref="Fault"/> is set every requirement throws it; otherwise a pod with legs
/// gets what the hook given at construction does (block, throw), and anything else the sum of its legs.
/// </summary>
public sealed class FaultyPodModel : IPodMarginModel
{
    private readonly Func<IReadOnlyList<PodLeg>, PodRequirement>? _onLegs;

    /// <summary>A model that fails only while <see cref="Fault"/> is set.</summary>
    public FaultyPodModel()
    {
    }

    /// <summary>A model that hands every pod with legs to <paramref name="onLegs"/>.</summary>
    public FaultyPodModel(Func<IReadOnlyList<PodLeg>, PodRequirement> onLegs) => _onLegs = onLegs;

    /// <summary>A model that throws <see cref="InvalidOperationException"/> ("injected") for every pod with legs.</summary>
    public static FaultyPodModel Throwing() => new(_ => throw new InvalidOperationException("injected"));

    /// <summary>Thrown by every requirement while set.</summary>
    public Exception? Fault { get; set; }

    /// <inheritdoc/>
    public PodRequirement Requirement(IReadOnlyList<PodLeg> legs)
    {
        ArgumentNullException.ThrowIfNull(legs);
        if (Fault is { } fault)
        {
            throw fault;
        }

        return legs.Count > 0 && _onLegs is { } onLegs ? onLegs(legs) : SumOfLegsPodMarginModel.Instance.Requirement(legs);
    }
}
