using System.Globalization;
using System.Text.Json.Nodes;
using Ringfence.Hosting.Recovery;
using Spectre.Console;

namespace Ringfence.Cli.Storage;

/// <summary>Prints what <c>ringfence replay</c> found: a table, or one JSON object with <c>--json</c>.</summary>
internal static class ReplayReportWriter
{
    /// <summary>The recovery (snapshot + tail) as a table, <paramref name="columns"/> wide at most.</summary>
    public static void WriteTable(RecoveryReport report, TextWriter output, int columns)
    {
        var console = new PlainConsole(output, columns);
        var table = Figures();
        table.AddRow("Journal entries", Number(report.Sequence));
        table.AddRow("Started from", report.Snapshot is { } s ? $"snapshot at entry {Number(s.Sequence)}" : "the empty engine");
        table.AddRow("Replayed", Number(report.Replayed));
        table.AddRow("Elapsed (ms)", Milliseconds(report.Elapsed));
        table.AddRow("Entries per second", Rate(report.Replayed, report.Elapsed));
        console.Write(table);
        console.WriteLine(HashLine(report.StateHash));
        foreach (var skipped in report.SkippedSnapshots)
        {
            console.WriteLine($"skipped snapshot {Number(skipped.Sequence)}: {skipped.Reason}");
        }
    }

    /// <summary>The recovery as JSON: <c>{sequence, snapshot, replayed, elapsedMs, stateHash, skippedSnapshots}</c>.</summary>
    public static JsonObject ToJson(RecoveryReport report) => new()
    {
        ["verified"] = false,
        ["sequence"] = report.Sequence,
        ["snapshot"] = report.Snapshot?.Sequence,
        ["replayed"] = report.Replayed,
        ["elapsedMs"] = report.Elapsed.TotalMilliseconds,
        ["stateHash"] = report.StateHash,
        ["skippedSnapshots"] = new JsonArray(report.SkippedSnapshots
            .Select(s => (JsonNode)new JsonObject { ["sequence"] = s.Sequence, ["reason"] = s.Reason }).ToArray()),
    };

    /// <summary>The full verification as a table of figures and one of snapshots, <paramref name="columns"/> wide at most.</summary>
    public static void WriteTable(VerificationReport report, TextWriter output, int columns)
    {
        var console = new PlainConsole(output, columns);
        var table = Figures();
        table.AddRow("Journal entries", Number(report.JournalEntries));
        table.AddRow("Replayed", Number(report.Replayed));
        table.AddRow("Accepted", Number(report.Accepted));
        table.AddRow("Rejected", Number(report.Rejected));
        table.AddRow("Events", Number(report.Events));
        table.AddRow("Elapsed (ms)", Milliseconds(report.Elapsed));
        table.AddRow("Entries per second", Rate(report.Replayed, report.Elapsed));
        table.AddRow("Events per second", Rate(report.Events, report.Elapsed));
        table.AddRow("Journal", report.JournalProblem ?? "whole: every checksum continues the chain");
        table.AddRow("Verified", report.Verified ? "yes" : "NO");
        console.Write(table);
        console.WriteLine(HashLine(report.StateHash));

        // A hash is never folded inside a table cell: each snapshot's stored hash has a line of its own.
        if (report.Snapshots.Count == 0)
        {
            console.WriteLine("no snapshots stored");
        }

        foreach (var check in report.Snapshots)
        {
            console.WriteLine($"Snapshot at entry {Number(check.Sequence)}: {check.Problem ?? "matches the replay"}");
            console.WriteLine($"  stored hash {check.StoredHash}");
        }
    }

    /// <summary>The state hash on a line of its own, so that it can be copied whole (64 characters, 76 with the label).</summary>
    public static string HashLine(string hash) => $"State hash: {hash}";

    /// <summary>The verification as JSON: the figures, <c>journalProblem</c>, and <c>snapshots[{sequence, storedHash, replayedHash, problem}]</c>.</summary>
    public static JsonObject ToJson(VerificationReport report) => new()
    {
        ["verified"] = report.Verified,
        ["sequence"] = report.JournalEntries,
        ["replayed"] = report.Replayed,
        ["accepted"] = report.Accepted,
        ["rejected"] = report.Rejected,
        ["events"] = report.Events,
        ["elapsedMs"] = report.Elapsed.TotalMilliseconds,
        ["stateHash"] = report.StateHash,
        ["journalProblem"] = report.JournalProblem,
        ["snapshots"] = new JsonArray(report.Snapshots.Select(c => (JsonNode)new JsonObject
        {
            ["sequence"] = c.Sequence,
            ["storedHash"] = c.StoredHash,
            ["replayedHash"] = c.ReplayedHash,
            ["problem"] = c.Problem,
        }).ToArray()),
    };

    private static Table Figures() => new Table().AddColumn("Figure").AddColumn("Value");

    private static string Number(long value) => value.ToString("N0", CultureInfo.InvariantCulture);

    private static string Milliseconds(TimeSpan elapsed) => elapsed.TotalMilliseconds.ToString("F1", CultureInfo.InvariantCulture);

    private static string Rate(long count, TimeSpan elapsed) =>
        elapsed > TimeSpan.Zero ? (count / elapsed.TotalSeconds).ToString("N0", CultureInfo.InvariantCulture) : "–";
}
