using System.Globalization;
using System.Text.Json.Nodes;
using Spectre.Console;

namespace Ringfence.Cli.Bench.Throughput;

/// <summary>Prints a <see cref="ThroughputReport"/>: a table and notes, or one JSON object.</summary>
internal static class ThroughputBenchWriter
{
    /// <summary>The table, <paramref name="columns"/> wide at most: a row per book size, then what was run.</summary>
    public static void WriteTable(ThroughputReport report, TextWriter output, int columns)
    {
        ArgumentNullException.ThrowIfNull(report);
        var console = new PlainConsole(output, columns);
        var table = new Table { Title = new TableTitle("Throughput: the mixed stream on one engine thread") }
            .AddColumn(Right("N")).AddColumn(Right("commands/s")).AddColumn(Right("ns/command")).AddColumn(Right("bytes/command"))
            .AddColumn(Right("floor (ns)")).AddColumn(Right("÷ floor"));
        var kinds = new Table { Title = new TableTitle("Each kind alone: commands/s (bytes/command)") }.AddColumn(Right("N"));
        foreach (var kind in Enum.GetValues<StreamKind>())
        {
            kinds.AddColumn(Right(ThroughputBenchmark.Name(kind)));
        }

        foreach (var row in report.Rows)
        {
            table.AddRow(
                Whole(row.Positions), Whole(row.Mixed.CommandsPerSecond), Fixed(row.EngineNanos), Whole(row.Mixed.BytesPerCommand), Fixed(row.FloorNanos),
                Fixed(row.Ratio));
            kinds.AddRow([Whole(row.Positions), .. row.Streams.Select(s => $"{Whole(s.CommandsPerSecond)} ({Whole(s.BytesPerCommand)})")]);
        }

        console.Write(table);
        console.Write(kinds);
        console.WriteLine(
            $"{Whole(report.Settings.Commands)} commands per stream, traders drawn uniformly across the book (seed {report.Settings.Seed}); mixed: "
            + string.Join(", ", ThroughputStream.Mix.Select(m => $"{m.Percent}% {ThroughputBenchmark.Name(m.Kind)}"))
            + $", funding over every position once per {Whole(ThroughputStream.FundingEveryPerPosition)} × N commands; a third of the removals ask for more than any position holds (rejections counted below).");
        foreach (var row in report.Rows)
        {
            var rejected = string.Join(", ", row.Streams.Append(row.Mixed).Select(s => $"{s.Kind} {Whole(s.Rejected)}"));
            console.WriteLine(
                $"N = {Whole(row.Positions)}: built in {Fixed(row.BuildSeconds)} s; funding {Fixed(row.FundingNanosPerPosition)} ns per position; rejected: {rejected}.");
            var restore = row.Restore;
            console.WriteLine(
                $"N = {Whole(row.Positions)}: restore {Seconds(restore.TotalSeconds)} s (decode {Seconds(restore.DecodeSeconds)}, engine {Seconds(restore.EngineSeconds)}, hash {Seconds(restore.HashSeconds)}) of a {Whole(restore.Bytes)}-byte snapshot.");
        }

        var machine = report.Machine;
        var load = machine.LoadBefore is null ? string.Empty : $"; load average {machine.LoadBefore} before, {machine.LoadAfter} after";
        console.WriteLine($"floor: one array slot of N touched at random, Int128 margin arithmetic, a 64-byte event appended. machine: {Whole(machine.Processors)} logical processors, {machine.Runtime}{load}.");
    }

    /// <summary>
    /// The JSON object: <c>{benchmark: "throughput", commands, seed, rows: [{positions, mixedCommandsPerSecond, bytesPerCommand, floorNanos,
    /// engineNanos, ratio, buildSeconds, fundingNanosPerPosition, restore: {bytes, decodeSeconds, engineSeconds, hashSeconds,
    /// totalSeconds}, streams: [{kind, commands, rejected,
    /// commandsPerSecond, nanos, bytesPerCommand}]}], machine}</c>.
    /// </summary>
    public static JsonObject ToJson(ThroughputReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        return new JsonObject
        {
            ["benchmark"] = "throughput",
            ["commands"] = report.Settings.Commands,
            ["seed"] = report.Settings.Seed,
            ["rows"] = new JsonArray(report.Rows.Select(row => (JsonNode)new JsonObject
            {
                ["positions"] = row.Positions,
                ["mixedCommandsPerSecond"] = row.Mixed.CommandsPerSecond,
                ["bytesPerCommand"] = row.Mixed.BytesPerCommand,
                ["floorNanos"] = row.FloorNanos,
                ["engineNanos"] = row.EngineNanos,
                ["ratio"] = row.Ratio,
                ["buildSeconds"] = row.BuildSeconds,
                ["fundingNanosPerPosition"] = row.FundingNanosPerPosition,
                ["restore"] = new JsonObject
                {
                    ["bytes"] = row.Restore.Bytes,
                    ["decodeSeconds"] = row.Restore.DecodeSeconds,
                    ["engineSeconds"] = row.Restore.EngineSeconds,
                    ["hashSeconds"] = row.Restore.HashSeconds,
                    ["totalSeconds"] = row.Restore.TotalSeconds,
                },
                ["streams"] = new JsonArray(row.Streams.Append(row.Mixed).Select(s => (JsonNode)new JsonObject
                {
                    ["kind"] = s.Kind,
                    ["commands"] = s.Commands,
                    ["rejected"] = s.Rejected,
                    ["commandsPerSecond"] = s.CommandsPerSecond,
                    ["nanos"] = s.Nanos,
                    ["bytesPerCommand"] = s.BytesPerCommand,
                }).ToArray()),
            }).ToArray()),
            ["machine"] = new JsonObject
            {
                ["processors"] = report.Machine.Processors,
                ["runtime"] = report.Machine.Runtime,
                ["operatingSystem"] = report.Machine.OperatingSystem,
                ["loadBefore"] = report.Machine.LoadBefore,
                ["loadAfter"] = report.Machine.LoadAfter,
            },
        };
    }

    private static TableColumn Right(string header) => new TableColumn(new Text(header)).RightAligned();

    private static string Whole(double value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Seconds(double value) => value.ToString("N2", CultureInfo.InvariantCulture);

    private static string Fixed(double value) => value.ToString("N1", CultureInfo.InvariantCulture);
}
