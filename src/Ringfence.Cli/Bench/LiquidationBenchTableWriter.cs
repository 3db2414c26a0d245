using System.Globalization;
using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ringfence.Cli.Bench;

/// <summary>
/// Renders a <see cref="LiquidationBenchReport"/> as one table, plain text without colours, followed by what each
/// column measured, the crash sizes, the runs each median was taken from and the machine.
/// </summary>
internal static class LiquidationBenchTableWriter
{
    /// <summary>The column headers, in order.</summary>
    public static IReadOnlyList<string> Headers { get; } =
    [
        "N", "indexed update (µs)", "full scan (µs)", "ratio", "crash 1% (ms)", "crash 10% (ms)", "cross re-eval (µs)", "index query (µs)",
    ];

    /// <summary>Writes the table and its notes, <paramref name="columns"/> wide at most.</summary>
    public static void Write(LiquidationBenchReport report, TextWriter output, int columns)
    {
        ArgumentNullException.ThrowIfNull(report);
        var console = new PlainConsole(output, columns);

        var settings = report.Settings;
        var budget = settings.Budget is { } limit ? $"; fewer once a measurement has taken {Whole((int)limit.TotalSeconds)} s" : string.Empty;
        var table = new Table
        {
            Title = new TableTitle(
                $"Liquidation: median of {Whole(settings.Runs)} runs (crashes: {Whole(settings.CrashRuns)}, each from a restored snapshot{budget})"),
        };
        table.AddColumn(new TableColumn(new Text(Headers[0])).RightAligned());
        foreach (var header in Headers.Skip(1))
        {
            table.AddColumn(new TableColumn(new Text(header)).RightAligned());
        }

        foreach (var row in report.Rows)
        {
            table.AddRow(new[]
            {
                Whole(row.Positions), Decimal(row.IndexedUpdateMicros), Decimal(row.FullScanMicros), Decimal(row.Ratio),
                Decimal(row.CrashOnePercent.Millis), Decimal(row.CrashTenPercent.Millis),
                row.CrossReevalMicros is { } cross ? Decimal(cross) : "-", Decimal(row.IndexQueryMicros),
            }.Select(cell => (IRenderable)new Text(cell)));
        }

        console.Write(table);
        foreach (var note in Notes(report))
        {
            console.WriteLine(note);
        }
    }

    private static IEnumerable<string> Notes(LiquidationBenchReport report)
    {
        var settings = report.Settings;
        yield return "indexed update: UpdateMarkPrice between 50000 and 50050, nothing liquidated; full scan: Sweep, every isolated position";
        yield return "  checked exactly; ratio = full scan / indexed update; index query: LiquidationIndex.Crossed alone, nothing crossed.";
        yield return "crash: UpdateMarkPrice to the mark that liquidates about 1% / 10% of the positions (backstop at the mark, no ADL):";
        foreach (var row in report.Rows)
        {
            yield return $"  N = {Whole(row.Positions)}: {Crash(row.CrashOnePercent)}; {Crash(row.CrashTenPercent)}; built in {Decimal(row.BuildSeconds)} s";
            var cross = row.Runs.CrossReeval is { } crossRuns ? Whole(crossRuns) : "-";
            yield return $"    runs: indexed update {Whole(row.Runs.IndexedUpdate)}, full scan {Whole(row.Runs.FullScan)}, index query {Whole(row.Runs.IndexQuery)}, "
                + $"crash 1% {Whole(row.CrashOnePercent.Runs)}, crash 10% {Whole(row.CrashTenPercent.Runs)}, cross re-eval {cross}";
        }

        yield return settings.CrossLimit > 0
            ? $"cross re-eval: the same quiet update over N cross accounts (re-valued only when the mark leaves the band of their last valuation); '-' above --cross-limit {Whole(settings.CrossLimit)}."
            : "cross re-eval: not measured (--cross-limit 0).";
        var machine = report.Machine;
        var load = machine.LoadBefore is null ? string.Empty : $"; load average {machine.LoadBefore} before, {machine.LoadAfter} after";
        yield return $"machine: {Whole(machine.Processors)} logical processors, {machine.Runtime}, {machine.OperatingSystem}{load}; books built by {settings.Build.ToString().ToLowerInvariant()}.";
    }

    private static string Crash(CrashFigures crash) =>
        $"mark {crash.Mark} liquidates {Whole(crash.Liquidated)}";

    private static string Whole(int value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Decimal(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
}
