using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ringfence.Cli.Bench;

/// <summary>
/// Renders a <see cref="LiquidationBenchReport"/> as one JSON object (<c>--json</c>): <c>settings</c>, <c>rows</c> (one
/// per book size, times as numbers in µs or ms as their names say, each with the number of runs its median was taken
/// from: <c>…Runs</c>, and <c>runs</c> in a crash) and <c>machine</c>. Fields are only ever added, never renamed.
/// </summary>
internal static class LiquidationBenchJsonWriter
{
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON object of <paramref name="report"/>.</summary>
    public static JsonObject ToJson(LiquidationBenchReport report)
    {
        ArgumentNullException.ThrowIfNull(report);
        var settings = report.Settings;
        var rows = new JsonArray();
        foreach (var row in report.Rows)
        {
            rows.Add(new JsonObject
            {
                ["positions"] = row.Positions,
                ["buildSeconds"] = row.BuildSeconds,
                ["indexedUpdateMicros"] = row.IndexedUpdateMicros,
                ["fullScanMicros"] = row.FullScanMicros,
                ["ratio"] = row.Ratio,
                ["indexQueryMicros"] = row.IndexQueryMicros,
                ["crash1Percent"] = Crash(row.CrashOnePercent),
                ["crash10Percent"] = Crash(row.CrashTenPercent),
                ["crossAccounts"] = row.CrossAccounts,
                ["crossReevalMicros"] = row.CrossReevalMicros,
                ["indexedUpdateRuns"] = row.Runs.IndexedUpdate,
                ["fullScanRuns"] = row.Runs.FullScan,
                ["indexQueryRuns"] = row.Runs.IndexQuery,
                ["crossReevalRuns"] = row.Runs.CrossReeval,
            });
        }

        var machine = report.Machine;
        return new JsonObject
        {
            ["benchmark"] = "liquidation",
            ["settings"] = new JsonObject
            {
                ["positions"] = new JsonArray([.. settings.Positions.Select(n => (JsonNode)n)]),
                ["runs"] = settings.Runs,
                ["crashRuns"] = settings.CrashRuns,
                ["crossLimit"] = settings.CrossLimit,
                ["build"] = settings.Build.ToString().ToLowerInvariant(),
                ["budgetSeconds"] = settings.Budget?.TotalSeconds,
            },
            ["rows"] = rows,
            ["machine"] = new JsonObject
            {
                ["processors"] = machine.Processors,
                ["runtime"] = machine.Runtime,
                ["os"] = machine.OperatingSystem,
                ["loadAverageBefore"] = machine.LoadBefore,
                ["loadAverageAfter"] = machine.LoadAfter,
            },
        };
    }

    /// <summary>Writes the object followed by a newline.</summary>
    public static void Write(LiquidationBenchReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            ToJson(report).WriteTo(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static JsonObject Crash(CrashFigures crash) => new()
    {
        ["share"] = crash.Share,
        ["mark"] = crash.Mark.ToString(),
        ["liquidated"] = crash.Liquidated,
        ["millis"] = crash.Millis,
        ["perLiquidationMicros"] = crash.Liquidated > 0 ? crash.Millis * 1000 / crash.Liquidated : null,
        ["runs"] = crash.Runs,
    };
}
