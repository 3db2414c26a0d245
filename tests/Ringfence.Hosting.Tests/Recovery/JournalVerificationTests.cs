using Ringfence.Hosting.Recovery;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Hosting.Tests.Recovery;

public sealed class JournalVerificationTests
{
    [Fact]
    public async Task A_whole_journal_verifies_with_every_snapshot()
    {
        var store = await Written();
        var report = JournalVerification.Verify(store);

        Assert.True(report.Verified, report.JournalProblem);
        Assert.Equal(store.LastSequence, report.Replayed);
        Assert.Equal(report.Replayed, report.Accepted + report.Rejected);
        Assert.True(report.Events >= report.Replayed);
        Assert.Equal(Scenarios.ReferenceHash(Scenarios.All()), report.StateHash);
        Assert.Equal(store.List().Select(s => s.Sequence).Order(), report.Snapshots.Select(c => c.Sequence));
        Assert.All(report.Snapshots, c => Assert.Equal(c.StoredHash, c.ReplayedHash));
    }

    [Fact]
    public async Task A_reader_beside_a_running_host_verifies_the_journal_as_it_ended_when_opened()
    {
        var (store, reader, seen) = await ReaderBesideHost.RunAsync();

        Assert.True(store.List()[0].Sequence > reader.LastSequence);
        var report = JournalVerification.Verify(reader);

        Assert.True(report.Verified, report.JournalProblem);
        Assert.Equal(reader.LastSequence, report.Replayed);
        Assert.Equal(Scenarios.ReferenceHash(seen), report.StateHash);
        Assert.Equal(store.List().Select(s => s.Sequence).Where(s => s <= reader.LastSequence).Order(), report.Snapshots.Select(c => c.Sequence));
    }

    [Fact]
    public async Task A_journal_that_ends_before_a_snapshot_is_reported_as_truncated()
    {
        var store = await Written();
        var snapshot = store.List()[0].Sequence;
        store.TruncateAfter(snapshot - 3);

        var report = JournalVerification.Verify(store);

        Assert.False(report.Verified);
        Assert.Contains("the journal is truncated", report.JournalProblem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_snapshot_with_another_state_is_reported_though_recovery_would_use_it()
    {
        var store = await Written();
        var snapshots = store.List();
        var newest = store.Load(snapshots[0].Sequence)!;
        var older = store.Load(snapshots[1].Sequence)!;

        // The older snapshot's payload and hash, filed under the newest sequence: self-consistent, but not the journal's state.
        store.Save(StoredSnapshot.Create(newest.Sequence, older.StateHash, newest.JournalChecksum, older.Payload, newest.TakenAt));
        var report = JournalVerification.Verify(store);

        Assert.False(report.Verified);
        Assert.Null(report.JournalProblem);
        var bad = Assert.Single(report.Snapshots, c => !c.Verified);
        Assert.Equal(newest.Sequence, bad.Sequence);
        Assert.Contains("differs from the replayed", bad.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_entry_is_reported_with_where_the_replay_stopped()
    {
        var store = await Written();
        store.Damage(12);
        var report = JournalVerification.Verify(store);

        Assert.False(report.Verified);
        Assert.Equal(11, report.Replayed);
        Assert.Contains("the journal batch of sequence 12 fails its checksum", report.JournalProblem, StringComparison.Ordinal);
        Assert.All(report.Snapshots.Where(c => c.Sequence > 11), c => Assert.Contains("not reached", c.Problem, StringComparison.Ordinal));
    }

    private static async Task<MemoryStore> Written()
    {
        var store = new MemoryStore();
        await using var host = EngineHost.Start(store, new HostOptions { SnapshotEvery = 10, MaxBatch = 3 });
        // Snapshots exactly every SnapshotEvery commands, whatever the speed of their encoding (see Submitting).
        await Submitting.OneByOneAsync(host, store, Scenarios.All(), snapshotEvery: 10);

        return store;
    }
}
