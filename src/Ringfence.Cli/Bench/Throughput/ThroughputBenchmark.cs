using System.Diagnostics;
using System.Runtime.InteropServices;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Cli.Bench.Throughput;

/// <summary>
/// Runs <c>bench throughput</c>: for each book size, a book restored from a snapshot, each kind of command alone, the
/// mixed stream, one funding settlement, and the floor loop, all on this thread.
/// </summary>
internal static class ThroughputBenchmark
{
    /// <summary>Measures every size of <paramref name="settings"/>; <paramref name="progress"/> hears each step.</summary>
    public static ThroughputReport Run(ThroughputSettings settings, IBenchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var loadBefore = LiquidationBenchmark.LoadAverage();
        WarmUp(settings.Seed);
        var rows = settings.Positions.Select(n => Measure(n, settings, progress)).ToList();
        var machine = new MachineFigures(Environment.ProcessorCount, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, loadBefore, LiquidationBenchmark.LoadAverage());
        return new ThroughputReport(settings, rows, machine);
    }

    private static ThroughputRow Measure(int positions, ThroughputSettings settings, IBenchProgress progress)
    {
        var size = $"N = {positions:N0}";
        var clock = Stopwatch.StartNew();
        progress.Building($"{size}: building the book", positions);
        var book = LiquidationBook.Build(positions, BookBuild.Snapshot, settings.Seed, progress.Built);
        var build = clock.Elapsed.TotalSeconds;
        var engine = book.Engine;

        var streams = new List<StreamFigures>();
        foreach (var kind in Enum.GetValues<StreamKind>())
        {
            var commands = ThroughputStream.Of(kind, book, settings.Commands, settings.Seed + (int)kind + 1);
            progress.Measuring($"{size}: {Name(kind)}");
            streams.Add(Time(engine, Name(kind), commands));
        }

        progress.Measuring($"{size}: mixed");
        var mixed = Time(engine, "mixed", ThroughputStream.Mixed(book, settings.Commands, settings.Seed));
        progress.Measuring($"{size}: funding");
        var funding = Time(engine, "funding", [ThroughputStream.Funding]);
        progress.Measuring($"{size}: floor loop");
        var floor = FloorLoop.Measure(positions, Math.Max(settings.Commands, 1_000_000), settings.Seed);
        progress.Measuring($"{size}: restore");
        var restore = TimeRestore(book.Snapshot);
        return new ThroughputRow(positions, build, streams, mixed, funding.Nanos / positions, floor, restore);
    }

    /// <summary>Encodes <paramref name="snapshot"/> (untimed), then times decoding, restoring and hashing it.</summary>
    private static RestoreFigures TimeRestore(EngineSnapshot snapshot)
    {
        var payload = SnapshotCodec.Encode(snapshot);
        var expected = StateHash.Of(snapshot);
        var clock = Stopwatch.StartNew();
        var decoded = SnapshotCodec.Decode(payload);
        var decode = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var engine = MarginEngine.Restore(decoded);
        var restore = clock.Elapsed.TotalSeconds;
        clock.Restart();
        var hash = engine.Hash();
        var hashing = clock.Elapsed.TotalSeconds;
        if (hash != expected)
        {
            throw new InvalidOperationException("the restored book's state hash differs from the snapshot's");
        }

        return new RestoreFigures(payload.LongLength, decode, restore, hashing);
    }

    /// <summary>
    /// Every stream once on a small book, thrown away: the first measured stream would otherwise pay for compiling
    /// the engine's code paths (and for the tiered JIT's later recompilation).
    /// </summary>
    private static void WarmUp(int seed)
    {
        var book = LiquidationBook.Build(1_000, BookBuild.Snapshot, seed);
        for (var round = 0; round < 3; round++)
        {
            foreach (var kind in Enum.GetValues<StreamKind>())
            {
                Time(book.Engine, Name(kind), ThroughputStream.Of(kind, book, 2_000, seed + round));
            }

            Time(book.Engine, "mixed", ThroughputStream.Mixed(book, 2_000, seed + round));
        }
    }

    /// <summary>Executes <paramref name="commands"/> in order, timing the loop and counting this thread's allocations.</summary>
    private static StreamFigures Time(MarginEngine engine, string kind, Command[] commands)
    {
        var rejected = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var clock = Stopwatch.StartNew();
        foreach (var command in commands)
        {
            if (!engine.Execute(command).Accepted)
            {
                rejected++;
            }
        }

        clock.Stop();
        var bytes = GC.GetAllocatedBytesForCurrentThread() - allocated;
        return new StreamFigures(kind, commands.Length, rejected, clock.Elapsed.TotalNanoseconds / commands.Length, (double)bytes / commands.Length);
    }

    /// <summary>The JSON and table name of a kind: <c>trade</c>, <c>addMargin</c>, <c>removeMargin</c>, <c>mark</c>.</summary>
    public static string Name(StreamKind kind) => kind switch
    {
        StreamKind.Trade => "trade",
        StreamKind.AddMargin => "addMargin",
        StreamKind.RemoveMargin => "removeMargin",
        _ => "mark",
    };
}
