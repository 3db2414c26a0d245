using System.Diagnostics;
using Ringfence.Core.Engine;
using Ringfence.Core.Pods;
using Ringfence.Storage;
using Ringfence.Storage.Journal;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Hosting.Recovery;

/// <summary>
/// Rebuilds the state from the journal's first entry, ignoring snapshots, and checks every snapshot against it: the
/// replayed state's hash at the snapshot's sequence must equal the stored hash, and the stored payload must decode to
/// that same state. This is what <c>ringfence replay --verify</c> runs.
/// </summary>
public static class JournalVerification
{
    /// <summary>Replays <paramref name="store"/>'s journal and checks its snapshots.</summary>
    /// <param name="store">The journal and snapshots.</param>
    /// <param name="podModel">The pod margin model the engine runs with (default: the engine's).</param>
    /// <param name="progress">Told the sequence reached, every few thousand commands.</param>
    public static VerificationReport Verify(IEngineStore store, IPodMarginModel? podModel = null, Action<long>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        var clock = Stopwatch.StartNew();
        var total = store.Journal.LastSequence;
        // Snapshots a host beside this reader took after the end it verifies to are left to the next verification.
        var pending = new Queue<SnapshotInfo>(store.Snapshots.List().Where(s => s.Sequence <= total || !JournalEnd.Passed(store, s)).OrderBy(s => s.Sequence));
        var checks = new List<SnapshotCheck>();
        var replayer = new JournalReplayer(new MarginEngine(podModel), 0, JournalChain.Genesis);
        long accepted = 0, rejected = 0;
        string? problem = null;

        CheckDue(store, replayer, pending, checks);
        try
        {
            var reported = 0L;
            foreach (var batch in store.Journal.ReadAfter(0))
            {
                if (batch.FirstSequence > total)
                {
                    // Appended beside this reader since the store was opened: the verification covers the journal as it was then.
                    break;
                }

                foreach (var result in replayer.Apply(batch))
                {
                    if (result.Accepted)
                    {
                        accepted++;
                    }
                    else
                    {
                        rejected++;
                    }
                }

                CheckDue(store, replayer, pending, checks);
                if (progress is not null && replayer.Sequence - reported >= 4096)
                {
                    reported = replayer.Sequence;
                    progress(replayer.Sequence);
                }
            }

            if (replayer.Sequence != total)
            {
                problem = $"the journal says it ends at sequence {total} but reading it stopped at sequence {replayer.Sequence}";
            }
        }
        catch (RecoveryException exception)
        {
            problem = exception.Message;
        }

        foreach (var info in pending)
        {
            var reason = info.Sequence > replayer.Sequence && problem is null
                ? $"taken at sequence {info.Sequence}, after the journal's end ({replayer.Sequence}): the journal is truncated"
                : $"not reached: the replay stopped at sequence {replayer.Sequence}";
            problem ??= info.Sequence > replayer.Sequence ? reason : null;
            checks.Add(new SnapshotCheck(info.Sequence, info.StateHash, null, reason));
        }

        return new VerificationReport(total, replayer.Applied, accepted, rejected, replayer.Events, replayer.Engine.Hash(), checks, problem, clock.Elapsed);
    }

    private static void CheckDue(IEngineStore store, JournalReplayer replayer, Queue<SnapshotInfo> pending, List<SnapshotCheck> checks)
    {
        while (pending.TryPeek(out var info) && info.Sequence <= replayer.Sequence)
        {
            pending.Dequeue();

            // A host snapshots between batches: one whose sequence a batch passed over belongs to another journal.
            checks.Add(info.Sequence == replayer.Sequence
                ? Check(store, replayer, info)
                : new SnapshotCheck(info.Sequence, info.StateHash, null, $"no journal batch ends at its sequence {info.Sequence} (a snapshot of another journal)"));
        }
    }

    private static SnapshotCheck Check(IEngineStore store, JournalReplayer replayer, SnapshotInfo info)
    {
        var replayed = replayer.Engine.Hash();
        if (!string.Equals(replayed, info.StateHash, StringComparison.Ordinal))
        {
            return new SnapshotCheck(info.Sequence, info.StateHash, replayed, $"stored hash differs from the replayed state's hash {replayed}");
        }

        if (!string.Equals(info.JournalChecksum, replayer.Checksum, StringComparison.Ordinal))
        {
            return new SnapshotCheck(info.Sequence, info.StateHash, replayed, $"its journal checksum does not match the journal batch ending at sequence {info.Sequence}");
        }

        if (SnapshotPayload.TryDecode(store, info.Sequence, out _, out var state) is { } problem)
        {
            return new SnapshotCheck(info.Sequence, info.StateHash, replayed, problem);
        }

        var decoded = StateHash.Of(state!);
        return string.Equals(decoded, replayed, StringComparison.Ordinal)
            ? new SnapshotCheck(info.Sequence, info.StateHash, replayed, null)
            : new SnapshotCheck(info.Sequence, info.StateHash, replayed, $"payload decodes to another state (hash {decoded})");
    }
}
