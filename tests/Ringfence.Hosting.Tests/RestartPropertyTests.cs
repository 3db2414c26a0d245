using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Tests;

namespace Ringfence.Hosting.Tests;

/// <summary>
/// Whatever the batching, the snapshot interval and where the host is stopped and started again, the state after the
/// commands is the state a plain in-memory engine reaches, and every command is journaled exactly once, in order.
/// </summary>
public sealed class RestartPropertyTests
{
    private static readonly IReadOnlyList<string> Commands = Scenarios.All();

    [Fact]
    public void Restarts_batching_and_snapshots_never_change_the_state()
    {
        var reference = Scenarios.ReferenceHash(Commands);
        var cases =
            from maxBatch in Gen.Choose(1, 40)
            from snapshotEvery in Gen.Choose(0, 25)
            from restarts in Gen.Choose(0, Commands.Count).ListOf()
            from onDemand in Gen.Choose(0, Commands.Count).ListOf()
            select (maxBatch, snapshotEvery, Restarts: restarts.ToHashSet(), OnDemand: onDemand.ToHashSet());

        PropertyCases.Verify(cases, c =>
        {
            var store = new MemoryStore();
            var options = new HostOptions { MaxBatch = c.maxBatch, SnapshotEvery = c.snapshotEvery };
            var host = EngineHost.Start(store, options);
            var pending = new List<Task<Acknowledgement>>();
            for (var i = 0; i < Commands.Count; i++)
            {
                if (c.Restarts.Contains(i))
                {
                    Task.WaitAll(pending);
                    host.DisposeAsync().AsTask().Wait();
                    host = EngineHost.Start(store, options);
                    Assert.Equal(Scenarios.ReferenceHash(Commands.Take(i)), host.Recovery.StateHash);
                }

                if (c.OnDemand.Contains(i))
                {
                    Assert.Equal(i, host.SnapshotAsync().Result.Sequence);
                }

                pending.Add(host.QueueAsync(Commands[i]).AsTask().Result);
            }

            Task.WaitAll(pending);
            Assert.Equal(reference, host.HashAsync().Result);
            host.DisposeAsync().AsTask().Wait();
            Assert.Equal(Commands.Select(MemoryStore.AsJournaled), store.Entries.Select(e => e.Command));
            var restarted = EngineHost.Start(store);
            Assert.Equal(reference, restarted.Recovery.StateHash);
            restarted.DisposeAsync().AsTask().Wait();
        });
    }
}
