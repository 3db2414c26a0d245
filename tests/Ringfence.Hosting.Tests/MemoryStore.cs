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
    private readonly List<JournalEntry> _entries = [];
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
                return _entries.Count == 0 ? 0 : _entries[^1].Sequence;
            }
        }
    }

    public IReadOnlyList<JournalEntry> Entries
    {
        get
        {
            lock (_gate)
            {
                return _entries.ToList();
            }
        }
    }

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

    public void Append(IReadOnlyList<JournalEntry> entries)
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

            var next = LastSequence + 1;
            for (var i = 0; i < entries.Count; i++)
            {
                if (entries[i].Sequence != next + i)
                {
                    throw new JournalConflictException($"expected {next + i}, got {entries[i].Sequence}");
                }
            }

            _entries.AddRange(entries);
            Appends++;
            BatchSizes.Add(entries.Count);
        }
    }

    public IEnumerable<JournalEntry> ReadAfter(long afterSequence) => Entries.Where(e => e.Sequence > afterSequence);

    public IReadOnlyList<JournalEntry> Tail(int count) => Entries.TakeLast(count).ToList();

    /// <summary>Replaces entry <paramref name="sequence"/> (a test damaging the journal).</summary>
    public void Replace(long sequence, Func<JournalEntry, JournalEntry> change)
    {
        lock (_gate)
        {
            var index = _entries.FindIndex(e => e.Sequence == sequence);
            _entries[index] = change(_entries[index]);
        }
    }

    /// <summary>Drops entry <paramref name="sequence"/>, leaving a gap (a test damaging the journal).</summary>
    public void Remove(long sequence)
    {
        lock (_gate)
        {
            _entries.RemoveAll(e => e.Sequence == sequence);
        }
    }

    /// <summary>Drops the entries after <paramref name="sequence"/> (a test truncating the journal).</summary>
    public void TruncateAfter(long sequence)
    {
        lock (_gate)
        {
            _entries.RemoveAll(e => e.Sequence > sequence);
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
