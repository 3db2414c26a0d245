namespace Ringfence.Hosting.Tests;

/// <summary>Submits commands to a host one at a time, so that where its periodic snapshots fall does not depend on timing.</summary>
internal static class Submitting
{
    /// <summary>
    /// Submits <paramref name="commands"/> one after another, each acknowledged before the next is sent (so every
    /// commit holds one command), and after each <paramref name="snapshotEvery"/>-th command waits until the host
    /// has saved the snapshot it took there. A periodic snapshot is encoded off the engine thread and the next one is
    /// not started while one is still being encoded, so without the wait the snapshots fall wherever the encoding
    /// happened to finish; with it they fall exactly on every <paramref name="snapshotEvery"/>-th sequence.
    /// </summary>
    /// <param name="host">A host started on <paramref name="store"/> with <c>SnapshotEvery = snapshotEvery</c> on an empty store.</param>
    /// <param name="store">The host's store.</param>
    /// <param name="commands">The commands.</param>
    /// <param name="snapshotEvery">The host's snapshot interval (0: no snapshots, nothing waited for).</param>
    /// <param name="waitForLast">
    /// Whether to wait for the last snapshot too; when false, it may still be being encoded when the host is stopped,
    /// and a clean stop must keep it.
    /// </param>
    public static async Task OneByOneAsync(EngineHost host, MemoryStore store, IReadOnlyList<string> commands, long snapshotEvery, bool waitForLast = true)
    {
        foreach (var command in commands)
        {
            var acknowledgement = await host.SubmitAsync(command);
            var sequence = acknowledgement.Sequence;
            if (snapshotEvery > 0 && sequence % snapshotEvery == 0 && (waitForLast || sequence + snapshotEvery <= commands.Count))
            {
                await HangGuard.Within(store.Saved(sequence), $"the periodic snapshot at {sequence}");
            }
        }
    }
}
