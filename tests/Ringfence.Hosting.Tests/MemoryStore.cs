using Ringfence.Core.Serialization.Wire;
using Ringfence.Storage;
using Ringfence.Storage.Journal;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Hosting.Tests;

/// <summary>
/// An in-memory store for host tests that need to see or break what the host writes: it counts appends (group
/// commits), can fail the next append or hold appends back, tells when a snapshot is saved, and lets a test damage
/// entries or snapshots. It keeps the journal contract (consecutive sequences, all-or-nothing appends); the real stores
/// pass the shared contract suite in Storage.Tests.
/// </summary>
internal sealed class MemoryStore : IEngineStore, IJournal, ISnapshotStore
{
    private readonly List<JournalBatch> _batches = [];
    private readonly SortedDictionary<long, StoredSnapshot> _snapshots = [];
    private readonly Dictionary<long, TaskCompletionSource> _saved = [];
    private readonly ManualResetEventSlim _appendsAllowed = new(initialState: true);
    private readonly Lock _gate = new();

    public IJournal Journal => this;

    public ISnapshotStore Snapshots => this;

    public string Description => "memory";

    /// <summary>How many appends (transactions) were made.</summary>
    public int Appends { get; private set; }

    /// <summary>Sizes of the appends, in order.</summary>
    public List<int> BatchSizes { get; } = [];

    /// <summary>How many times the store was disposed (a host closes its store when it stops).</summary>
    public int Disposals { get; private set; }

    /// <summary>When set, the next append throws this and writes nothing.</summary>
    public Exception? FailNextAppend { get; set; }

    public long LastSequence
    {
        get
        {
            lock (_gate)
            {
                return _batches.Count == 0 ? 0 : _batches[^1].LastSequence;
            }
        }
    }

    /// <summary>The journal's batches, oldest first.</summary>
    public IReadOnlyList<JournalBatch> Batches
    {
        get
        {
            lock (_gate)
            {
                return _batches.ToList();
            }
        }
    }

    /// <summary>A command's JSON as the journal gives it back: parsed, then written by the command writer.</summary>
    public static string AsJournaled(string json) => CommandWriter.Write(Core.Serialization.CommandJson.Parse(json));

    /// <summary>The journaled commands one by one, each written as JSON by the command writer, with its batch's checksum.</summary>
    public IReadOnlyList<StoredCommand> Entries =>
        Batches.SelectMany(b => JournalBatchCodec.Decode(b).Select((c, i) => new StoredCommand(b.FirstSequence + i, CommandWriter.Write(c), b.Checksum))).ToList();

    /// <summary>Makes every append wait (outside the lock) until <see cref="ReleaseAppends"/>: a test that needs commands queued behind a commit.</summary>
    public void HoldAppends() => _appendsAllowed.Reset();

    /// <summary>Lets held appends go on.</summary>
    public void ReleaseAppends() => _appendsAllowed.Set();

    /// <summary>Completes once the snapshot at <paramref name="sequence"/> has been saved (at once if it already was).</summary>
    public Task Saved(long sequence)
    {
        lock (_gate)
        {
            return SavedSource(sequence).Task;
        }
    }

    public void Append(JournalBatch batch)
    {
        // A hang guard, not a timing: a test that holds appends releases them as soon as it has queued its commands.
        if (!_appendsAllowed.Wait(HangGuard.Limit))
        {
            throw new TimeoutException($"appends were held for {HangGuard.Limit.TotalMinutes} minutes and never released");
        }

        lock (_gate)
        {
            if (FailNextAppend is { } failure)
            {
                FailNextAppend = null;
                throw failure;
            }

            if (batch.FirstSequence != LastSequence + 1)
            {
                throw new JournalConflictException($"expected {LastSequence + 1}, got {batch.FirstSequence}");
            }

            _batches.Add(batch);
            Appends++;
            BatchSizes.Add(batch.Count);
        }
    }

    public IEnumerable<JournalBatch> ReadAfter(long afterSequence) => Batches.Where(b => b.LastSequence > afterSequence);

    public IReadOnlyList<JournalBatch> Tail(int count) => Batches.TakeLast(count).ToList();

    /// <summary>Replaces the batch holding <paramref name="sequence"/> (a test damaging the journal).</summary>
    public void Replace(long sequence, Func<JournalBatch, JournalBatch> change)
    {
        lock (_gate)
        {
            var index = _batches.FindIndex(b => b.FirstSequence <= sequence && sequence <= b.LastSequence);
            _batches[index] = change(_batches[index]);
        }
    }

    /// <summary>Flips one bit of the payload of the batch holding <paramref name="sequence"/>: a torn or damaged write.</summary>
    public void Damage(long sequence) => Replace(sequence, b =>
    {
        var payload = b.Payload.ToArray();
        payload[^1] ^= 0x01;
        return b with { Payload = payload };
    });

    /// <summary>Drops the batch holding <paramref name="sequence"/>, leaving a gap (a test damaging the journal).</summary>
    public void Remove(long sequence)
    {
        lock (_gate)
        {
            _batches.RemoveAll(b => b.FirstSequence <= sequence && sequence <= b.LastSequence);
        }
    }

    /// <summary>Drops every batch that holds a command after <paramref name="sequence"/> (a test truncating the journal).</summary>
    public void TruncateAfter(long sequence)
    {
        lock (_gate)
        {
            _batches.RemoveAll(b => b.LastSequence > sequence);
        }
    }

    public void Save(StoredSnapshot snapshot)
    {
        lock (_gate)
        {
            _snapshots[snapshot.Sequence] = snapshot;
            SavedSource(snapshot.Sequence).TrySetResult();
        }
    }

    public IReadOnlyList<SnapshotInfo> List()
    {
        lock (_gate)
        {
            return _snapshots.Values.Reverse().Select(s => s.Info).ToList();
        }
    }

    public StoredSnapshot? Load(long sequence)
    {
        lock (_gate)
        {
            return _snapshots.GetValueOrDefault(sequence);
        }
    }

    private TaskCompletionSource SavedSource(long sequence) =>
        _saved.TryGetValue(sequence, out var source) ? source : _saved[sequence] = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public void Dispose()
    {
        // The memory outlives the host on purpose: a test restarts a host on the same store.
        Disposals++;
    }
}

/// <summary>One journaled command as a test reads it back: its sequence, its JSON, and the checksum of its batch.</summary>
internal sealed record StoredCommand(long Sequence, string Command, string Checksum);
