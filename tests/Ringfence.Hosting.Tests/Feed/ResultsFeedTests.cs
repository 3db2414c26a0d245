using System.Threading.Channels;
using Ringfence.Hosting.Feed;

namespace Ringfence.Hosting.Tests.Feed;

public sealed class ResultsFeedTests
{
    private static string Open(int i) => $$"""{"type":"createAccount","account":"trader-{{i}}"}""";

    private static string Deposit(int i) => $$"""{"type":"deposit","account":"trader-{{i}}","asset":"USDT","amount":"{{i + 1}}"}""";

    [Fact]
    public async Task Every_subscriber_sees_every_committed_result_exactly_once_in_journal_order()
    {
        var store = new MemoryStore();
        ResultsSubscription first, second;
        var acknowledged = new List<Acknowledgement>();
        await using (var host = EngineHost.Start(store, new HostOptions { MaxBatch = 7 }))
        {
            first = await host.SubmitAsync(Open(0)).ContinueWith(_ => host.SubscribeAsync()).Unwrap();
            second = await host.SubscribeAsync(capacity: 10_000);

            // Four producers at once: batches of mixed origin, and commands queued while others commit.
            var producers = Enumerable.Range(1, 4).Select(p => Task.Run(async () =>
            {
                var mine = new List<Acknowledgement>();
                for (var i = p * 100; i < (p * 100) + 60; i++)
                {
                    mine.Add(await host.SubmitAsync(Open(i)));
                    mine.Add(await host.SubmitAsync(Deposit(i)));
                }

                return mine;
            })).ToList();
            foreach (var producer in producers)
            {
                acknowledged.AddRange(await producer);
            }
        }

        Assert.True(store.Appends > 1, "the commands should have been committed in more than one batch");
        var journal = store.Entries;
        var bySequence = acknowledged.ToDictionary(a => a.Sequence);
        foreach (var subscription in new[] { first, second })
        {
            Assert.Equal(1, subscription.StartsAfter);
            var seen = await ReadAll(subscription);
            Assert.Equal(journal.Skip(1).Select(e => (e.Sequence, e.Command)), seen.Select(r => (r.Sequence, MemoryStore.AsJournaled(r.CommandText))));

            // Each result is the outcome its caller was acknowledged with.
            Assert.All(seen, r => Assert.Same(bySequence[r.Sequence].Result, r.Result));
        }
    }

    [Fact]
    public async Task A_result_is_the_acknowledged_outcome_and_is_published_before_its_caller_is_acknowledged()
    {
        var store = new MemoryStore();
        await using var host = EngineHost.Start(store);
        var subscription = await host.SubscribeAsync();
        Assert.Equal(0, subscription.StartsAfter);

        var opened = await host.SubmitAsync(Open(1));

        // The acknowledgement came back: its result is queued for the subscriber already.
        Assert.True(subscription.Results.TryRead(out var result), "the result was not published before the acknowledgement");
        Assert.Equal(opened.Sequence, result.Sequence);
        Assert.Same(opened.Result, result.Result);
        Assert.Equal(Open(1), result.CommandText);
        Assert.IsType<Ringfence.Core.Engine.Commands.CreateAccount>(result.Command);
    }

    [Fact]
    public async Task A_batch_that_fails_to_commit_is_never_published_and_the_feed_ends_with_the_failure()
    {
        var store = new MemoryStore();
        var host = EngineHost.Start(store);
        var subscription = await host.SubscribeAsync();
        await host.SubmitAsync(Open(1));
        store.FailNextAppend = new IOException("disk full");

        await Assert.ThrowsAsync<HostFailedException>(() => host.SubmitAsync(Open(2)));
        await host.DisposeAsync();

        var seen = new List<long>();
        var ended = await Assert.ThrowsAsync<HostFailedException>(async () =>
        {
            await foreach (var result in subscription.Results.ReadAllAsync())
            {
                seen.Add(result.Sequence);
            }
        });
        Assert.Equal([1L], seen);
        Assert.Contains("disk full", ended.Message, StringComparison.Ordinal);
        Assert.Single(store.Entries);
    }

    [Fact]
    public async Task A_subscriber_that_falls_behind_is_dropped_with_its_reason_and_the_others_and_the_host_go_on()
    {
        var store = new MemoryStore();
        await using var host = EngineHost.Start(store);
        var slow = await host.SubscribeAsync(capacity: 4);
        var fast = await host.SubscribeAsync(capacity: 1_000);

        for (var i = 0; i < 20; i++)
        {
            await host.SubmitAsync(Open(i));
        }

        // Every command was acknowledged although the slow subscriber read nothing: the host did not wait for it.
        Assert.Equal(20, host.Sequence);
        var kept = new List<long>();
        var dropped = await Assert.ThrowsAsync<SubscriptionDroppedException>(async () =>
        {
            await foreach (var result in slow.Results.ReadAllAsync())
            {
                kept.Add(result.Sequence);
            }
        });
        Assert.Equal([1, 2, 3, 4], kept);
        Assert.Equal(4, dropped.LastDelivered);
        Assert.Contains("fell behind: 4 results were waiting unread when sequence 5 was committed", dropped.Message, StringComparison.Ordinal);

        Assert.Equal(Enumerable.Range(1, 20).Select(i => (long)i), Drain(fast).Select(r => r.Sequence));
    }

    [Fact]
    public async Task A_late_subscriber_starts_after_what_was_committed_and_a_disposed_one_receives_nothing_more()
    {
        var store = new MemoryStore();
        await using var host = EngineHost.Start(store);
        for (var i = 0; i < 5; i++)
        {
            await host.SubmitAsync(Open(i));
        }

        var late = await host.SubscribeAsync();
        var leaving = await host.SubscribeAsync();
        Assert.Equal(5, late.StartsAfter);
        await host.SubmitAsync(Open(5));
        leaving.Dispose();
        await host.SubmitAsync(Open(6));
        await host.SubmitAsync(Open(7));

        Assert.Equal([6L, 7, 8], Drain(late).Select(r => r.Sequence));
        Assert.False(leaving.Results.TryRead(out _), "a disposed subscription discards what it had not read");
        Assert.True(leaving.Results.Completion.IsCompleted);
        await Assert.ThrowsAsync<ArgumentOutOfRangeException>(() => host.SubscribeAsync(capacity: 0));
    }

    [Fact]
    public async Task A_clean_stop_ends_every_subscription_cleanly_after_its_last_result()
    {
        var store = new MemoryStore();
        var host = EngineHost.Start(store);
        var subscription = await host.SubscribeAsync();
        await host.SubmitAsync(Open(1));
        await host.DisposeAsync();

        Assert.Equal([1L], (await ReadAll(subscription)).Select(r => r.Sequence));
        await HangGuard.Within(subscription.Results.Completion, "the end of the subscription");
        await Assert.ThrowsAsync<HostFailedException>(() => host.SubscribeAsync());
    }

    private static List<CommittedResult> Drain(ResultsSubscription subscription)
    {
        var results = new List<CommittedResult>();
        while (subscription.Results.TryRead(out var result))
        {
            results.Add(result);
        }

        return results;
    }

    private static async Task<List<CommittedResult>> ReadAll(ResultsSubscription subscription)
    {
        var results = new List<CommittedResult>();
        await HangGuard.Within(Task.Run(async () =>
        {
            await foreach (var result in subscription.Results.ReadAllAsync())
            {
                results.Add(result);
            }
        }), "reading the subscription to its end");
        return results;
    }
}
