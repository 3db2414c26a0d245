using Ringfence.Core.Engine;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>A snapshot taken between two commands, with its state hash computed once, when first asked for.</summary>
internal sealed class StateAt(EngineSnapshot snapshot)
{
    private readonly Lazy<string> _hash = new(() => StateHash.Of(snapshot));

    public EngineSnapshot Snapshot => snapshot;

    public string Hash => _hash.Value;
}
