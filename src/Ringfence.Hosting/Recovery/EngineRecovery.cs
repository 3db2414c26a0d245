using System.Diagnostics;
using Ringfence.Core.Engine;
using Ringfence.Core.Pods;
using Ringfence.Storage;
using Ringfence.Storage.Journal;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Hosting.Recovery;

/// <summary>
/// Rebuilds the engine from a store: the newest snapshot that verifies (payload checksum, decodes, restored state hash
/// equals the stored hash, journal checksum equals that of the batch ending at its sequence), then every journal batch
/// after it through <see cref="JournalReplayer"/>. A damaged snapshot is skipped for an older one (the journal alone
/// can always rebuild the state); a damaged or truncated journal stops recovery with a <see cref="RecoveryException"/>.
/// </summary>
public static class EngineRecovery
{
    /// <summary>Recovers the state in <paramref name="store"/>.</summary>
    /// <param name="store">The journal and snapshots.</param>
    /// <param name="podModel">The pod margin model the engine runs with (default: the engine's).</param>
    /// <param name="progress">Told the sequence reached, every few thousand commands.</param>
    /// <exception cref="RecoveryException">The journal is damaged or truncated.</exception>
    public static RecoveredEngine Recover(IEngineStore store, IPodMarginModel? podModel = null, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var clock = Stopwatch.StartNew();
        var last = store.Journal.LastSequence;
        var skipped = new List<SkippedSnapshot>();
        SnapshotInfo? used = null;
        JournalReplayer? replayer = null;

        foreach (var info in store.Snapshots.List())
        {
            if (info.Sequence > last)
            {
                if (JournalEnd.Passed(store, info))
                {
                    // A reader beside the host: this snapshot and the entries it needs came after the end it recovers to.
                    continue;
                }

                throw new RecoveryException(
                    $"the journal ends at sequence {last} but a snapshot was taken at sequence {info.Sequence}: the journal is truncated and acknowledged commands are missing");
            }

            if (replayer is not null)
            {
                continue;
            }

            var problem = TryRestore(store, info, podModel, out var restored);
            if (problem is null)
            {
                used = info;
                replayer = new JournalReplayer(restored!, info.Sequence, info.JournalChecksum);
            }
            else
            {
                skipped.Add(new SkippedSnapshot(info.Sequence, problem));
            }
        }

        replayer ??= new JournalReplayer(new MarginEngine(podModel), 0, JournalChain.Genesis);
        var reported = 0L;
        foreach (var batch in store.Journal.ReadAfter(replayer.Sequence))
        {
            if (batch.FirstSequence > last)
            {
                // Appended by a host beside this reader since the store was opened: recovery stops where the journal
                // ended then (a batch end), so that it is one state the journal really had.
                break;
            }

            replayer.Apply(batch);
            if (progress is not null && replayer.Sequence - reported >= 4096)
            {
                reported = replayer.Sequence;
                progress(replayer.Sequence);
            }
        }

        if (replayer.Sequence != last)
        {
            throw new RecoveryException($"the journal says it ends at sequence {last} but reading it stopped at sequence {replayer.Sequence}");
        }

        var report = new RecoveryReport(used, skipped, replayer.Applied, replayer.Events, replayer.Sequence, replayer.Engine.Hash(), clock.Elapsed)
        {
            ReplayedBatches = replayer.Batches,
        };
        return new RecoveredEngine(replayer.Engine, replayer.Sequence, replayer.Checksum, report);
    }

    /// <summary>Restores the snapshot <paramref name="info"/> describes; returns why it cannot be used, or null.</summary>
    internal static string? TryRestore(IEngineStore store, SnapshotInfo info, IPodMarginModel? podModel, out MarginEngine? engine)
    {
        engine = null;
        if (SnapshotPayload.TryDecode(store, info.Sequence, out var stored, out var snapshot) is { } problem)
        {
            return problem;
        }

        if (info.Sequence > 0)
        {
            // A host snapshots between batches, so its snapshot's sequence is the end of a batch, and that batch's
            // checksum is the one the snapshot recorded.
            var batch = store.Journal.ReadAfter(info.Sequence - 1).FirstOrDefault();
            if (batch is null || batch.LastSequence != info.Sequence)
            {
                return $"no journal batch ends at its sequence {info.Sequence} (a snapshot of another journal)";
            }

            if (!string.Equals(batch.Checksum, stored!.JournalChecksum, StringComparison.Ordinal))
            {
                return $"its journal checksum does not match the journal batch of {batch.Range} (a snapshot of another journal)";
            }
        }

        var restored = MarginEngine.Restore(snapshot!, podModel);
        var hash = restored.Hash();
        if (!string.Equals(hash, stored!.StateHash, StringComparison.Ordinal))
        {
            return $"restored state hash {hash} differs from the stored {stored.StateHash}";
        }

        engine = restored;
        return null;
    }
}
