using Ringfence.Hosting.Recovery;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Hosting.Tests.Recovery;

public sealed class EngineRecoveryTests
{
    [Fact]
    public void An_empty_store_recovers_the_empty_engine()
    {
        var recovered = EngineRecovery.Recover(new MemoryStore());
        Assert.Equal(0, recovered.Sequence);
        Assert.Null(recovered.Report.Snapshot);
        Assert.Equal(Scenarios.ReferenceHash([]), recovered.Report.StateHash);
    }

    [Fact]
    public async Task A_changed_journal_batch_stops_recovery_and_names_its_sequences()
    {
        var store = await Written(snapshotEvery: 0);
        store.Damage(5);

        var failure = Assert.Throws<RecoveryException>(() => EngineRecovery.Recover(store));
        Assert.Contains("the journal batch of sequence 5 fails its checksum", failure.Message, StringComparison.Ordinal);
        Assert.Contains("valid up to sequence 4", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Recovery_replays_every_command_of_every_batch_and_counts_both()
    {
        var store = await Batched();

        var report = EngineRecovery.Recover(store).Report;

        Assert.Equal(store.Batches.Count, report.ReplayedBatches);
        Assert.Equal(Scenarios.All().Count, report.Replayed);
        Assert.True(report.ReplayedBatches < report.Replayed, "the commands should have been committed in shared batches");
        Assert.Equal(Scenarios.ReferenceHash(Scenarios.All()), report.StateHash);
    }

    [Fact]
    public async Task A_batch_of_many_commands_that_is_torn_is_refused_whole_with_its_range_named()
    {
        // Three commands a batch: none of the damaged batch's commands may be applied, the good ones before it all are.
        var store = await Batched();
        var torn = store.Batches.First(b => b.Count == 3 && b.FirstSequence > 1);
        store.Replace(torn.FirstSequence, b => b with { Payload = b.Payload[..^4] });

        var failure = Assert.Throws<RecoveryException>(() => EngineRecovery.Recover(store));
        Assert.Contains($"the journal batch of sequences {torn.FirstSequence}..{torn.LastSequence} fails its checksum", failure.Message, StringComparison.Ordinal);
        Assert.Contains($"valid up to sequence {torn.FirstSequence - 1}", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_journal_entry_stops_recovery()
    {
        var store = await Written(snapshotEvery: 0);
        store.Remove(7);

        var failure = Assert.Throws<RecoveryException>(() => EngineRecovery.Recover(store));
        Assert.Contains("journal sequences 7..7 are missing", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_journal_that_ends_before_a_snapshot_is_reported_as_truncated()
    {
        var store = await Written(snapshotEvery: 10);
        var snapshot = store.List()[0].Sequence;
        store.TruncateAfter(snapshot - 3);

        var failure = Assert.Throws<RecoveryException>(() => EngineRecovery.Recover(store));
        Assert.Contains("truncated", failure.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_damaged_snapshot_is_skipped_for_an_older_one_and_the_state_is_the_same()
    {
        var store = await Written(snapshotEvery: 10);
        var newest = store.List()[0];
        var stored = store.Load(newest.Sequence)!;
        var damaged = (byte[])stored.Payload.Clone();
        damaged[damaged.Length / 2] ^= 0xFF;
        store.Save(stored with { Payload = damaged });

        var recovered = EngineRecovery.Recover(store);

        Assert.Equal(newest.Sequence - 10, recovered.Report.Snapshot?.Sequence);
        var skipped = Assert.Single(recovered.Report.SkippedSnapshots);
        Assert.Equal(newest.Sequence, skipped.Sequence);
        Assert.Contains("checksum", skipped.Reason, StringComparison.Ordinal);
        Assert.Equal(Scenarios.ReferenceHash(Scenarios.All()), recovered.Report.StateHash);
    }

    [Fact]
    public async Task A_snapshot_whose_state_hash_does_not_match_its_payload_is_skipped()
    {
        var store = await Written(snapshotEvery: 10);
        var newest = store.Load(store.List()[0].Sequence)!;
        store.Save(StoredSnapshot.Create(newest.Sequence, new string('0', 64), newest.JournalChecksum, newest.Payload, newest.TakenAt));

        var recovered = EngineRecovery.Recover(store);

        Assert.Contains("differs from the stored", Assert.Single(recovered.Report.SkippedSnapshots).Reason, StringComparison.Ordinal);
        Assert.Equal(Scenarios.ReferenceHash(Scenarios.All()), recovered.Report.StateHash);
    }

    [Fact]
    public async Task A_reader_beside_a_running_host_recovers_the_journal_as_it_ended_when_opened()
    {
        var (store, reader, seen) = await ReaderBesideHost.RunAsync();

        // The host has appended past the reader's end and snapshotted there; neither is damage.
        Assert.True(store.List()[0].Sequence > reader.LastSequence);
        var recovered = EngineRecovery.Recover(reader);

        Assert.Equal(reader.LastSequence, recovered.Sequence);
        Assert.True(recovered.Report.Snapshot?.Sequence <= reader.LastSequence);
        Assert.Empty(recovered.Report.SkippedSnapshots);
        Assert.Equal(Scenarios.ReferenceHash(seen), recovered.Report.StateHash);
    }

    private static async Task<MemoryStore> Written(long snapshotEvery)
    {
        var store = new MemoryStore();
        await using var host = EngineHost.Start(store, new HostOptions { SnapshotEvery = snapshotEvery, MaxBatch = 4 });
        // Snapshots exactly every SnapshotEvery commands, whatever the speed of their encoding (see Submitting).
        await Submitting.OneByOneAsync(host, store, Scenarios.All(), snapshotEvery);

        return store;
    }

    /// <summary>Every scenario command, queued while appends are held, so the host commits them in batches of up to three.</summary>
    private static async Task<MemoryStore> Batched()
    {
        var store = new MemoryStore();
        store.HoldAppends();
        var host = EngineHost.Start(store, new HostOptions { MaxBatch = 3 });
        var acknowledged = new List<Task<Acknowledgement>>();
        foreach (var command in Scenarios.All())
        {
            acknowledged.Add(await host.QueueAsync(command));
        }

        store.ReleaseAppends();
        await Task.WhenAll(acknowledged);
        await host.DisposeAsync();
        return store;
    }
}
