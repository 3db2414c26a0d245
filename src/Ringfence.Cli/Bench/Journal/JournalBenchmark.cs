using System.Diagnostics;
using Ringfence.Core.Engine;
using Ringfence.Core.Serialization;
using Ringfence.Hosting;
using Ringfence.Hosting.Recovery;
using Ringfence.Storage;

namespace Ringfence.Cli.Bench.Journal;

/// <summary>
/// Measures journaled throughput, acknowledgement latency and recovery speed against the in-memory engine, in one
/// process and on the same commands (<see cref="CommandStream"/>): for each backend and batch size, a fresh store, a
/// host with <c>MaxBatch</c> = batch, and one producer keeping <c>batch</c> commands in flight, in order.
/// </summary>
internal static class JournalBenchmark
{
    private const int Seed = 20261121;

    /// <summary>Runs the benchmark.</summary>
    public static JournalBenchReport Run(JournalBenchSettings settings, IBenchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var stream = new CommandStream(Seed);
        var commands = Enumerable.Range(0, settings.Commands).Select(i => stream[i]).ToArray();

        // Everything is warmed up before anything is timed: measured first, the baseline ran half-optimized code and
        // came out at less than half its speed after the journaled runs.
        foreach (var backend in settings.Backends)
        {
            progress.Measuring($"{backend}, warm-up");
            WarmUp(backend, settings.Postgres, commands);
        }

        progress.Measuring("in memory");
        var inMemory = InMemory(commands);
        var runs = new List<JournalRun>();
        foreach (var backend in settings.Backends)
        {
            foreach (var batch in settings.Batches)
            {
                progress.Measuring($"{backend}, batch {batch}");
                using var scratch = ScratchStore.Create(backend, settings.Postgres);
                runs.Add(Journaled(backend, batch, commands, scratch));
            }
        }

        return new JournalBenchReport(settings, inMemory, runs);
    }

    private static InMemoryRun InMemory(string[] commands)
    {
        // Warm up for about a second so the parser and the engine run optimized (tiered compilation recompiles hot
        // methods only after ~100 ms and a count of calls), then report the median of three runs.
        var warmUp = Stopwatch.StartNew();
        while (warmUp.Elapsed < TimeSpan.FromSeconds(1))
        {
            Execute(commands.AsSpan(0, Math.Min(commands.Length, 5_000)));
        }

        var seconds = new double[3];
        for (var run = 0; run < seconds.Length; run++)
        {
            var clock = Stopwatch.StartNew();
            Execute(commands);
            seconds[run] = clock.Elapsed.TotalSeconds;
        }

        Array.Sort(seconds);
        return new InMemoryRun(commands.Length, seconds[1]);
    }

    /// <summary>One short journaled run first, so the host's and the store's code is optimized before it is timed.</summary>
    private static void WarmUp(string backend, string? postgres, string[] commands)
    {
        using var scratch = ScratchStore.Create(backend, postgres);
        Journaled(backend, 64, commands.AsSpan(0, Math.Min(commands.Length, 5_000)).ToArray(), scratch);
    }

    private static void Execute(ReadOnlySpan<string> commands)
    {
        var engine = new MarginEngine();
        foreach (var command in commands)
        {
            engine.Execute(CommandJson.Parse(command));
        }
    }

    private static JournalRun Journaled(string backend, int batch, string[] commands, ScratchStore scratch)
    {
        var latencies = new double[commands.Length];
        var host = EngineHost.Start(scratch.Open(), new HostOptions { MaxBatch = batch, SnapshotEvery = 0 });
        long commits;
        double seconds;
        try
        {
            using var inFlight = new SemaphoreSlim(batch);
            var pending = new Task[commands.Length];
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < commands.Length; i++)
            {
                inFlight.Wait();
                var queuedAt = Stopwatch.GetTimestamp();
                var acknowledged = host.QueueAsync(commands[i]).AsTask().GetAwaiter().GetResult();
                var index = i;
                pending[i] = acknowledged.ContinueWith(
                    done =>
                    {
                        latencies[index] = Stopwatch.GetElapsedTime(queuedAt).TotalMicroseconds;
                        inFlight.Release();
                        done.GetAwaiter().GetResult();
                    },
                    CancellationToken.None,
                    TaskContinuationOptions.ExecuteSynchronously,
                    TaskScheduler.Default);
            }

            Task.WaitAll(pending);
            seconds = clock.Elapsed.TotalSeconds;
            commits = host.Commits;
        }
        finally
        {
            host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        }

        using var store = scratch.Open();
        var recovery = EngineRecovery.Recover(store).Report;
        return new JournalRun(
            backend, batch, commands.Length, seconds, commits, LatencyPercentiles.Of(latencies),
            recovery.ReplayedBatches, recovery.Replayed, recovery.Events, recovery.Elapsed.TotalSeconds);
    }
}
