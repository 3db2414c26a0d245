using Ringfence.Core.Serialization;
using Ringfence.Hosting.Recovery;
using Ringfence.Storage.Journal;

namespace Ringfence.Hosting.Tests;

public sealed class EngineHostTests
{
    private static readonly string[] Opening =
    [
        """{"type":"createAccount","account":"alice"}""",
        """{"type":"deposit","account":"alice","asset":"USDT","amount":"1000","id":"dep-1"}""",
        """{"type":"withdraw","account":"alice","asset":"USDT","amount":"5000","id":"too-much"}""",
    ];

    [Fact]
    public async Task A_host_that_cannot_recover_closes_its_store_at_once_and_one_that_stops_closes_it_once()
    {
        // A store's writer lock must not outlive a host that never ran: the next host on the store would be refused.
        var store = new MemoryStore();
        await using (var host = EngineHost.Start(store))
        {
            await host.SubmitAsync(Opening[0]);
            await host.SubmitAsync(Opening[1]);
        }

        Assert.Equal(1, store.Disposals);
        store.Remove(1);
        Assert.Throws<RecoveryException>(() => EngineHost.Start(store));
        Assert.Equal(2, store.Disposals);

        var another = new MemoryStore();
        Assert.Throws<ArgumentOutOfRangeException>(() => EngineHost.Start(another, new HostOptions { MaxBatch = 0 }));
        Assert.Equal(1, another.Disposals);
    }

    [Fact]
    public async Task Acknowledges_each_command_with_its_journal_sequence_after_it_is_journaled()
    {
        var store = new MemoryStore();
        await using (var host = EngineHost.Start(store))
        {
            for (var i = 0; i < Opening.Length; i++)
            {
                var acknowledgement = await host.SubmitAsync(Opening[i]);
                Assert.Equal(i + 1, acknowledgement.Sequence);
                Assert.Equal(i + 1, store.LastSequence);
            }

            Assert.Equal(3, host.Sequence);
        }

        Assert.Equal(Opening.Select(MemoryStore.AsJournaled), store.Entries.Select(e => e.Command));
        var previous = JournalChain.Genesis;
        foreach (var batch in store.Batches)
        {
            Assert.True(JournalChain.Verifies(previous, batch), $"the batch of {batch.Range} does not continue the chain");
            previous = batch.Checksum;
        }
    }

    [Fact]
    public async Task Rejected_commands_are_journaled_and_acknowledged_as_rejections()
    {
        var store = new MemoryStore();
        await using var host = EngineHost.Start(store);
        await host.SubmitAsync(Opening[0]);
        await host.SubmitAsync(Opening[1]);
        var rejected = await host.SubmitAsync(Opening[2]);

        Assert.False(rejected.Result.Accepted);
        Assert.Equal("too-much", rejected.ClientId);
        Assert.Equal(3, store.LastSequence);
    }

    [Fact]
    public async Task A_malformed_command_fails_at_once_and_is_never_journaled()
    {
        var store = new MemoryStore();
        await using var host = EngineHost.Start(store);
        await Assert.ThrowsAsync<JsonInputException>(() => host.SubmitAsync("""{"type":"deposit","account":"alice","amount":"NaN"}"""));
        await Assert.ThrowsAsync<JsonInputException>(() => host.SubmitAsync("not json"));
        Assert.Equal(0, store.LastSequence);
    }

    [Fact]
    public async Task Commands_queued_together_share_group_commits_and_keep_their_order()
    {
        var store = new MemoryStore();
        var commands = Scenarios.All();
        await using (var host = EngineHost.Start(store, new HostOptions { MaxBatch = 16 }))
        {
            // The first commit is held until every command is queued: how many share a commit then does not depend on
            // whether the engine thread or this one happens to run faster.
            store.HoldAppends();
            var pending = new List<Task<Acknowledgement>>();
            try
            {
                foreach (var command in commands)
                {
                    pending.Add(await host.QueueAsync(command));
                }
            }
            finally
            {
                store.ReleaseAppends();
            }

            var acknowledgements = await Task.WhenAll(pending);
            Assert.Equal(Enumerable.Range(1, commands.Count).Select(i => (long)i), acknowledgements.Select(a => a.Sequence));
            Assert.Equal(Scenarios.ReferenceHash(commands), await host.HashAsync());
        }

        Assert.Equal(commands.Select(MemoryStore.AsJournaled), store.Entries.Select(e => e.Command));
        Assert.All(store.BatchSizes, size => Assert.InRange(size, 1, 16));
        Assert.True(store.Appends < commands.Count, $"{store.Appends} appends for {commands.Count} commands: no command shared a commit");
        Assert.Contains(16, store.BatchSizes);
    }

    [Fact]
    public async Task A_restarted_host_recovers_the_same_state_and_answers_a_repeated_client_id_with_the_first_outcome()
    {
        var store = new MemoryStore();
        Acknowledgement first;
        string hash;
        await using (var host = EngineHost.Start(store))
        {
            await host.SubmitAsync(Opening[0]);
            first = await host.SubmitAsync(Opening[1]);
            hash = await host.HashAsync();
        }

        await using (var restarted = EngineHost.Start(store))
        {
            Assert.Equal(2, restarted.Recovery.Sequence);
            Assert.Equal(hash, restarted.Recovery.StateHash);
            var again = await restarted.SubmitAsync(Opening[1]);
            Assert.True(again.Result.Duplicate);
            Assert.Equal(first.Result.Events, again.Result.Events);
            Assert.Equal(hash, await restarted.HashAsync());
            var view = await restarted.ViewAsync();
            Assert.Equal(hash, view.Hash);
        }
    }

    [Fact]
    public async Task When_the_journal_cannot_be_written_the_batch_is_not_acknowledged_and_the_host_stops()
    {
        var store = new MemoryStore();
        var host = EngineHost.Start(store);
        await host.SubmitAsync(Opening[0]);
        store.FailNextAppend = new IOException("disk full");

        var failure = await Assert.ThrowsAsync<HostFailedException>(() => host.SubmitAsync(Opening[1]));
        Assert.Contains("disk full", failure.Message, StringComparison.Ordinal);
        await Assert.ThrowsAsync<HostFailedException>(() => host.SubmitAsync(Opening[1]));
        await Assert.ThrowsAsync<HostFailedException>(() => host.HashAsync());
        Assert.IsType<IOException>(host.Failure);
        await host.DisposeAsync();

        // What was acknowledged is all there is: a new host recovers exactly that.
        Assert.Equal(1, store.LastSequence);
        await using var restarted = EngineHost.Start(store);
        Assert.Equal(Scenarios.ReferenceHash(Opening.Take(1)), restarted.Recovery.StateHash);
    }

    [Fact]
    public async Task Periodic_snapshots_are_stored_and_recovery_starts_from_the_newest()
    {
        var store = new MemoryStore();
        var commands = Scenarios.All();
        await using (var host = EngineHost.Start(store, new HostOptions { SnapshotEvery = 10, MaxBatch = 1 }))
        {
            // Each snapshot saved before the next command (see Submitting), except the last: the clean stop keeps that
            // one, whether it is stored by then or still being encoded.
            await Submitting.OneByOneAsync(host, store, commands, snapshotEvery: 10, waitForLast: false);
        }

        var snapshots = store.List();
        var expected = Enumerable.Range(1, commands.Count / 10).Select(i => i * 10L).Reverse();
        Assert.Equal(expected, snapshots.Select(s => s.Sequence));

        await using var restarted = EngineHost.Start(store);
        Assert.Equal(snapshots[0].Sequence, restarted.Recovery.Snapshot?.Sequence);
        Assert.Equal(commands.Count - snapshots[0].Sequence, restarted.Recovery.Replayed);
        Assert.Equal(Scenarios.ReferenceHash(commands), restarted.Recovery.StateHash);
    }

    [Fact]
    public async Task Periodic_snapshots_of_a_stream_that_does_not_wait_are_an_interval_apart_and_the_newest_is_recovered_from()
    {
        var store = new MemoryStore();
        var commands = Scenarios.All();
        await using (var host = EngineHost.Start(store, new HostOptions { SnapshotEvery = 10, MaxBatch = 1 }))
        {
            foreach (var command in commands)
            {
                await host.SubmitAsync(command);
            }
        }

        // Encoded off the engine thread, one at a time: where the later ones fall depends on how fast that is, so only
        // what holds at any speed is asserted. The first is due at 10 with nothing being encoded, and is always kept.
        var snapshots = store.List();
        Assert.Equal(10, snapshots[^1].Sequence);
        Assert.All(snapshots.Zip(snapshots.Skip(1)), pair => Assert.True(pair.First.Sequence - pair.Second.Sequence >= 10));

        await using var restarted = EngineHost.Start(store);
        Assert.Equal(snapshots[0].Sequence, restarted.Recovery.Snapshot?.Sequence);
        Assert.Equal(commands.Count - snapshots[0].Sequence, restarted.Recovery.Replayed);
        Assert.Equal(Scenarios.ReferenceHash(commands), restarted.Recovery.StateHash);
    }

    [Fact]
    public async Task An_on_demand_snapshot_is_taken_at_the_last_acknowledged_command()
    {
        var store = new MemoryStore();
        await using var host = EngineHost.Start(store, new HostOptions { SnapshotEvery = 0 });
        await host.SubmitAsync(Opening[0]);
        await host.SubmitAsync(Opening[1]);
        var info = await host.SnapshotAsync();

        Assert.Equal(2, info.Sequence);
        Assert.Equal(await host.HashAsync(), info.StateHash);
        Assert.Equal(store.Entries[^1].Checksum, info.JournalChecksum);
    }
}
