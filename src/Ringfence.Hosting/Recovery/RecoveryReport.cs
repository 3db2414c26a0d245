using Ringfence.Storage.Snapshots;

namespace Ringfence.Hosting.Recovery;

/// <summary>How a state was recovered from a store.</summary>
/// <param name="Snapshot">The snapshot recovery started from; null: from the empty engine.</param>
/// <param name="SkippedSnapshots">Newer snapshots that could not be used, each with why (recovery then used an older one).</param>
/// <param name="Replayed">Journaled commands replayed after the snapshot.</param>
/// <param name="Events">Events the replayed commands produced.</param>
/// <param name="Sequence">The last journal entry in the recovered state.</param>
/// <param name="StateHash">The recovered state's hash.</param>
/// <param name="Elapsed">How long recovery took.</param>
public sealed record RecoveryReport(
    SnapshotInfo? Snapshot,
    IReadOnlyList<SkippedSnapshot> SkippedSnapshots,
    long Replayed,
    long Events,
    long Sequence,
    string StateHash,
    TimeSpan Elapsed)
{
    /// <summary>Journal batches (rows) those commands came in.</summary>
    public long ReplayedBatches { get; init; }
}

/// <summary>A snapshot recovery did not use, and why.</summary>
/// <param name="Sequence">The snapshot's sequence.</param>
/// <param name="Reason">What was wrong with it.</param>
public sealed record SkippedSnapshot(long Sequence, string Reason);
