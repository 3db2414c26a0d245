using System.Diagnostics;
using System.Runtime.InteropServices;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;

namespace Ringfence.Cli.Bench;

/// <summary>
/// The measurements of <c>ringfence bench liquidation</c>, per book size n (<see cref="LiquidationBook"/>):
/// <list type="number">
/// <item>indexed update: <c>UpdateMarkPrice</c> alternating between 50 000 and 50 050, which liquidates nothing — the
/// engine's path through the liquidation index;</item>
/// <item>full scan: the <c>Sweep</c> command, which checks every isolated position exactly (the scan the index
/// avoids), and the ratio of the two;</item>
/// <item>index query: <c>LiquidationIndex.Crossed</c> alone on an index of the same positions;</item>
/// <item>crashes to the marks that liquidate about 1% and 10% of the positions, each run on an engine restored from the
/// book's snapshot;</item>
/// <item>cross re-evaluation: the same quiet update on a book of n cross accounts (<see cref="CrossBook"/>), up to the
/// cross limit.</item>
/// </list>
/// Every result is checked (nothing liquidated by a quiet update, the sweep agrees with the index, a crash liquidates
/// exactly the positions the margin check says, with no auto-deleveraging); a failed check is a defect and throws.
/// Each measurement takes its runs until the settings' budget is spent (at least one) and reports how many it took.
/// </summary>
internal static class LiquidationBenchmark
{
    /// <summary>The book every run measures first, untimed, so that the timed runs find the code compiled.</summary>
    private const int WarmUpPositions = 1_000;

    /// <summary>Runs every measurement for every book size.</summary>
    public static LiquidationBenchReport Run(LiquidationBenchSettings settings, IBenchProgress progress)
    {
        ArgumentNullException.ThrowIfNull(settings);
        ArgumentNullException.ThrowIfNull(progress);
        var loadBefore = LoadAverage();
        WarmUp(settings);
        var rows = settings.Positions.Select(n => Measure(n, settings, progress)).ToList();
        var machine = new MachineFigures(Environment.ProcessorCount, RuntimeInformation.FrameworkDescription, RuntimeInformation.OSDescription, loadBefore, LoadAverage());
        return new LiquidationBenchReport(settings, rows, machine);
    }

    /// <summary>
    /// Runs everything on a small book, twice with a pause: the runtime compiles hot methods again, optimized, on a
    /// background thread some 100 ms after their first calls, so the timed runs would otherwise start on unoptimized code.
    /// </summary>
    private static void WarmUp(LiquidationBenchSettings settings)
    {
        var small = settings with { Runs = 1, CrashRuns = 1, CrossLimit = Math.Min(settings.CrossLimit, WarmUpPositions) };
        for (var round = 0; round < 2; round++)
        {
            Measure(WarmUpPositions, small, IBenchProgress.None);
            Thread.Sleep(TimeSpan.FromMilliseconds(300));
        }
    }

    private static LiquidationBenchRow Measure(int positions, LiquidationBenchSettings settings, IBenchProgress progress)
    {
        progress.Building($"{positions:N0} isolated positions", positions);
        var watch = Stopwatch.StartNew();
        var book = LiquidationBook.Build(positions, settings.Build, progress: progress.Built);
        var buildSeconds = watch.Elapsed.TotalSeconds;

        progress.Measuring("indexed update");
        var indexed = QuietUpdates(book.Engine, settings);

        progress.Measuring("full scan");
        var sweep = new Sweep(BenchMarket.Symbol);
        var scan = Sampler.MedianMicrosPerCall(() => CheckSweep(book.Engine.Execute(sweep), positions), settings.Runs, settings.Budget);

        progress.Measuring("index query");
        var query = IndexQuery(book, settings);

        progress.Measuring("crash 1%");
        var crashOne = Crash(book, 0.01, settings);
        progress.Measuring("crash 10%");
        var crashTen = Crash(book, 0.1, settings);

        int? crossAccounts = null;
        Sample? cross = null;
        if (positions <= settings.CrossLimit)
        {
            progress.Building($"{positions:N0} cross accounts", positions);
            var crossBook = CrossBook.Build(positions, settings.Build, progress: progress.Built);
            progress.Measuring("cross re-evaluation");
            crossAccounts = positions;
            cross = QuietUpdates(crossBook.Engine, settings);
        }

        var runs = new RunCounts(indexed.Runs, scan.Runs, query.Runs, cross?.Runs);
        return new LiquidationBenchRow(
            positions, buildSeconds, indexed.Micros, scan.Micros, query.Micros, crashOne, crashTen, crossAccounts, cross?.Micros, runs);
    }

    /// <summary>Median µs of a mark update between the two quiet marks; throws if one liquidates anything.</summary>
    private static Sample QuietUpdates(MarginEngine engine, LiquidationBenchSettings settings)
    {
        var marks = new[] { new UpdateMarkPrice(BenchMarket.Symbol, BenchMarket.QuietMark), new UpdateMarkPrice(BenchMarket.Symbol, BenchMarket.Mark) };
        var next = 0;
        var sample = Sampler.MedianMicrosPerCall(() => CheckQuiet(engine.Execute(marks[next++ & 1])), settings.Runs, settings.Budget);
        if ((next & 1) == 1)
        {
            CheckQuiet(engine.Execute(marks[1]));
        }

        return sample;
    }

    /// <summary>
    /// Median µs of the index query on a stand-alone index of the book: a local of its own method, so that the index is
    /// garbage before the crashes restore their engines (every full collection before a crash run walks what is live).
    /// </summary>
    private static Sample IndexQuery(LiquidationBook book, LiquidationBenchSettings settings)
    {
        var index = book.Index();
        return Sampler.MedianMicrosPerCall(
            () =>
            {
                if (index.Crossed(BenchMarket.Symbol, BenchMarket.QuietMark).Count != 0)
                {
                    throw new InvalidOperationException("the index offers candidates at a quiet mark");
                }
            },
            settings.Runs,
            settings.Budget);
    }

    private static CrashFigures Crash(LiquidationBook book, double share, LiquidationBenchSettings settings)
    {
        var mark = book.CrashPrice(share);
        var expected = book.LiquidatableAt(mark);
        var crash = new UpdateMarkPrice(BenchMarket.Symbol, mark);
        var sample = Sampler.MedianMicros(
            () => MarginEngine.Restore(book.Snapshot),
            engine => engine.Execute(crash),
            result => CheckCrash(result, expected),
            settings.CrashRuns,
            settings.Budget);
        return new CrashFigures(share, mark, expected, sample.Micros / 1_000, sample.Runs);
    }

    private static void CheckQuiet(ExecutionResult result)
    {
        if (!result.Accepted || result.Events.Any(e => e is LiquidationStarted or PositionLiquidated))
        {
            throw new InvalidOperationException($"a quiet mark update was rejected or liquidated: {result.Events[0]}");
        }
    }

    private static void CheckSweep(ExecutionResult result, int positions)
    {
        var sweep = result.Events.OfType<SweepCompleted>().SingleOrDefault();
        if (sweep is null || sweep.Positions != positions || sweep.Liquidatable != 0 || sweep.Disagreements != 0)
        {
            throw new InvalidOperationException($"the sweep did not find {positions} healthy positions: {result.Events[0]}");
        }
    }

    private static void CheckCrash(ExecutionResult result, int expected)
    {
        var liquidated = result.Events.Count(e => e is PositionLiquidated);
        if (!result.Accepted || liquidated != expected || result.Events.Any(e => e is AutoDeleveraged or BankruptcyGapCovered))
        {
            throw new InvalidOperationException($"the crash liquidated {liquidated} positions, not {expected}, or went past bankruptcy");
        }
    }

    /// <summary>The 1, 5 and 15-minute load averages (Linux /proc/loadavg), or null where there are none.</summary>
    internal static string? LoadAverage()
    {
        try
        {
            var fields = File.ReadAllText("/proc/loadavg").Split(' ');
            return fields.Length >= 3 ? string.Join(' ', fields[..3]) : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }
}
