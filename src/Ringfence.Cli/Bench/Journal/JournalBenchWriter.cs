using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Ringfence.Cli.Bench.Journal;

/// <summary>Prints a <see cref="JournalBenchReport"/>: a table (ratios against the in-memory run), or one JSON object.</summary>
internal static class JournalBenchWriter
{
    /// <summary>
    /// The table, <paramref name="columns"/> wide at most: one row for the in-memory baseline, one per backend and batch
    /// size.
    /// </summary>
    public static void WriteTable(JournalBenchReport report, TextWriter output, int columns)
    {
        var console = new PlainConsole(output, columns);
        var table = new Table()
            .AddColumn("Run")
            .AddColumn(Right("Batch"))
            .AddColumn(Right("Commands/s"))
            .AddColumn(Right("vs memory"))
            .AddColumn(Right("Mean batch"))
            .AddColumn(Right("Ack p50 (µs)"))
            .AddColumn(Right("p99 (µs)"))
            .AddColumn(Right("p99.9 (µs)"))
            .AddColumn(Right("max (µs)"))
            .AddColumn(Right("Recovery commands/s"))
            .AddColumn(Right("events/s"));
        var memory = report.InMemory;
        table.AddRow("in memory", "–", Number(memory.PerSecond), "1.00", "–", "–", "–", "–", "–", "–", "–");
        foreach (var run in report.Runs)
        {
            var l = run.LatencyMicros;
            table.AddRow(
                run.Backend, Number(run.Batch), Number(run.PerSecond), Ratio(run.PerSecond / memory.PerSecond), Fixed(run.MeanBatch),
                Number(l.P50), Number(l.P99), Number(l.P999), Number(l.Max), Number(run.RecoveryCommandsPerSecond), Number(run.RecoveryEventsPerSecond));
        }

        console.Write(table);
        console.WriteLine(
            $"{report.Settings.Commands.ToString("N0", CultureInfo.InvariantCulture)} commands per run; each run keeps 'batch' commands in flight with the host's --max-batch set to it; "
            + "recovery replays the run's journal without a snapshot.");
    }

    /// <summary>The JSON object: <c>{commands, inMemory{commandsPerSecond}, runs[...]}</c>.</summary>
    public static JsonObject ToJson(JournalBenchReport report) => new()
    {
        ["commands"] = report.Settings.Commands,
        ["inMemory"] = new JsonObject { ["commandsPerSecond"] = report.InMemory.PerSecond, ["seconds"] = report.InMemory.Seconds },
        ["runs"] = new JsonArray(report.Runs.Select(run => (JsonNode)new JsonObject
        {
            ["backend"] = run.Backend,
            ["batch"] = run.Batch,
            ["commandsPerSecond"] = run.PerSecond,
            ["ratioToInMemory"] = run.PerSecond / report.InMemory.PerSecond,
            ["commits"] = run.Commits,
            ["meanBatch"] = run.MeanBatch,
            ["ackP50Micros"] = run.LatencyMicros.P50,
            ["ackP99Micros"] = run.LatencyMicros.P99,
            ["ackP999Micros"] = run.LatencyMicros.P999,
            ["ackMaxMicros"] = run.LatencyMicros.Max,
            ["recoveryEntriesPerSecond"] = run.RecoveryEntriesPerSecond,
            ["recoveryCommandsPerSecond"] = run.RecoveryCommandsPerSecond,
            ["recoveryEventsPerSecond"] = run.RecoveryEventsPerSecond,
        }).ToArray()),
    };

    private static TableColumn Right(string header) => new TableColumn(header).RightAligned();

    private static string Number(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Fixed(double value) => value.ToString("F1", CultureInfo.InvariantCulture);

    private static string Ratio(double value) => value.ToString("F3", CultureInfo.InvariantCulture);
}
