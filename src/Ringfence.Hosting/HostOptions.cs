namespace Ringfence.Hosting;

/// <summary>How an <see cref="EngineHost"/> batches, bounds and snapshots.</summary>
public sealed record HostOptions
{
    /// <summary>
    /// The most commands journaled in one transaction (group commit). Larger batches amortise the durable commit over
    /// more commands; a batch never waits for more commands than are already queued, so a lone command is committed
    /// at once.
    /// </summary>
    public int MaxBatch { get; init; } = 256;

    /// <summary>Commands (and queries) that may wait in the queue; a submitter beyond it waits for room (back-pressure).</summary>
    public int QueueCapacity { get; init; } = 65_536;

    /// <summary>A snapshot is stored after this many journaled commands since the last one; 0 turns periodic snapshots off.</summary>
    public long SnapshotEvery { get; init; } = 100_000;

    /// <summary>The clock that stamps journal entries and snapshots (informational: never part of the state).</summary>
    public TimeProvider Clock { get; init; } = TimeProvider.System;

    /// <summary>
    /// Called on the engine thread after each batch is durable and before its callers are acknowledged, with the
    /// engine (the committed state) and the batch's acknowledgements in order: a read model built here is up to date
    /// by the time a caller learns its command committed. It must be quick and must not keep the engine; an exception
    /// it throws is recorded (<see cref="EngineHost.CommittedHookFailure"/>) and the host goes on.
    /// </summary>
    public Action<Core.Engine.MarginEngine, IReadOnlyList<Acknowledgement>>? Committed { get; init; }

    /// <summary>Throws when a setting is out of range.</summary>
    public void Validate()
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(MaxBatch, 1, nameof(MaxBatch));
        ArgumentOutOfRangeException.ThrowIfLessThan(QueueCapacity, 1, nameof(QueueCapacity));
        ArgumentOutOfRangeException.ThrowIfNegative(SnapshotEvery, nameof(SnapshotEvery));
        ArgumentNullException.ThrowIfNull(Clock, nameof(Clock));
    }
}
