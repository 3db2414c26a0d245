using System.Globalization;
using System.Text.Json;

namespace Ringfence.Cli.Tests.Commands.Bench;

/// <summary>
/// <c>ringfence bench liquidation</c> on small books: the shape of the table and of the JSON object, and that every
/// figure is a positive number (in the table, which rounds, not negative). Wall-clock values are never compared with a bound.
/// </summary>
public sealed class BenchLiquidationOutputTests
{
    private static readonly string[] Headers =
    [
        "N", "indexed update (µs)", "full scan (µs)", "ratio", "crash 1% (ms)", "crash 10% (ms)", "cross re-eval (µs)", "index query (µs)",
    ];

    [Fact]
    public void Json_Has_One_Row_Per_Size_With_Positive_Figures()
    {
        var run = CliRun.Of(string.Empty, "bench", "liquidation", "--positions", "1000,2_000", "--runs", "1", "--crash-runs", "1", "--cross-limit", "1000", "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        Assert.Equal(string.Empty, run.Error);
        using var document = JsonDocument.Parse(run.Out);
        var root = document.RootElement;
        Assert.Equal("liquidation", root.GetProperty("benchmark").GetString());
        var settings = root.GetProperty("settings");
        Assert.Equal([1000, 2000], settings.GetProperty("positions").EnumerateArray().Select(p => p.GetInt32()));
        Assert.Equal(1, settings.GetProperty("runs").GetInt32());
        Assert.Equal("snapshot", settings.GetProperty("build").GetString());

        var rows = root.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([1000, 2000], rows.Select(r => r.GetProperty("positions").GetInt32()));
        foreach (var row in rows)
        {
            foreach (var field in new[] { "buildSeconds", "indexedUpdateMicros", "fullScanMicros", "ratio", "indexQueryMicros" })
            {
                Assert.True(row.GetProperty(field).GetDouble() > 0, field);
            }

            var ratio = row.GetProperty("fullScanMicros").GetDouble() / row.GetProperty("indexedUpdateMicros").GetDouble();
            Assert.Equal(ratio, row.GetProperty("ratio").GetDouble(), 1e-9);

            var positions = row.GetProperty("positions").GetInt32();
            var one = row.GetProperty("crash1Percent");
            var ten = row.GetProperty("crash10Percent");
            Assert.True(one.GetProperty("millis").GetDouble() > 0);
            Assert.True(ten.GetProperty("millis").GetDouble() > 0);
            foreach (var crash in new[] { one, ten })
            {
                Assert.Equal(crash.GetProperty("millis").GetDouble() * 1000 / crash.GetProperty("liquidated").GetInt32(), crash.GetProperty("perLiquidationMicros").GetDouble(), 1e-9);
            }
            Assert.Equal(0.01, one.GetProperty("share").GetDouble());
            Assert.Equal(0.1, ten.GetProperty("share").GetDouble());
            Assert.InRange(one.GetProperty("liquidated").GetInt32(), positions / 100, positions / 50);
            Assert.InRange(ten.GetProperty("liquidated").GetInt32(), positions / 10, positions / 5);
            Assert.True(decimal.Parse(ten.GetProperty("mark").GetString()!, CultureInfo.InvariantCulture)
                < decimal.Parse(one.GetProperty("mark").GetString()!, CultureInfo.InvariantCulture));
        }

        Assert.Equal(1000, rows[0].GetProperty("crossAccounts").GetInt32());
        Assert.True(rows[0].GetProperty("crossReevalMicros").GetDouble() > 0);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("crossAccounts").ValueKind);
        Assert.Equal(JsonValueKind.Null, rows[1].GetProperty("crossReevalMicros").ValueKind);

        var machine = root.GetProperty("machine");
        Assert.True(machine.GetProperty("processors").GetInt32() > 0);
        Assert.False(string.IsNullOrEmpty(machine.GetProperty("runtime").GetString()));
    }

    [Fact]
    public void Table_Has_The_Columns_And_A_Row_Of_Positive_Numbers_Per_Size()
    {
        // Wide enough that no header wraps, so that the header row can be read back as the column names.
        var run = CliRun.Of(string.Empty, 160, "bench", "liquidation", "--positions", "1000,1500", "--runs", "1", "--crash-runs", "1", "--cross-limit", "1000");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        Assert.Equal(string.Empty, run.Error);
        Assert.DoesNotContain('\u001b', run.Out);
        var lines = run.Out.Split('\n');
        var header = Cells(Assert.Single(lines, l => l.Contains("indexed update (µs)", StringComparison.Ordinal)));
        Assert.Equal(Headers, header);

        var rows = lines.Where(l => l.StartsWith('│') && !l.Contains("(µs)", StringComparison.Ordinal)).Select(Cells).ToList();
        Assert.Equal(2, rows.Count);
        Assert.Equal(["1,000", "1,500"], rows.Select(r => r[0]));
        foreach (var row in rows)
        {
            Assert.Equal(Headers.Length, row.Count);
            foreach (var (cell, column) in row.Select((cell, i) => (cell, Headers[i])))
            {
                if (column == "cross re-eval (µs)" && row[0] == "1,500")
                {
                    Assert.Equal("-", cell);
                    continue;
                }

                // The table rounds to 0.1 and an index query takes a few tenths of a µs: on a fast machine a cell may
                // read 0.0, so here only a number is required; the JSON test checks the unrounded figures are positive.
                Assert.True(double.Parse(cell, NumberStyles.Number, CultureInfo.InvariantCulture) >= 0, $"{column}: {cell}");
            }
        }

        Assert.Contains("N = 1,000: mark ", run.Out, StringComparison.Ordinal);
        Assert.Contains("logical processors", run.Out, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("0")]
    [InlineData("abc")]
    [InlineData("1000,,2000")]
    [InlineData("-5")]
    [InlineData("10000001")]
    [InlineData("1e6")]
    public void Positions_That_Are_Not_Whole_Numbers_In_Range_Are_Rejected(string positions)
    {
        var run = CliRun.Of(string.Empty, "bench", "liquidation", "--positions", positions);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith("error: ", line, StringComparison.Ordinal);
        Assert.Contains("--positions", line, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--runs", "0", "--runs")]
    [InlineData("--crash-runs", "101", "--crash-runs")]
    [InlineData("--cross-limit", "-1", "--cross-limit")]
    [InlineData("--build", "magic", "'magic'")]
    public void Other_Options_Out_Of_Range_Are_Rejected(string option, string value, string named)
    {
        var run = CliRun.Of(string.Empty, "bench", "liquidation", "--positions", "1000", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Contains(named, Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Bench_Help_Lists_The_Liquidation_Benchmark()
    {
        var run = CliRun.Of(string.Empty, "bench", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("liquidation", run.Out, StringComparison.Ordinal);
    }

    private static List<string> Cells(string line) =>
        [.. line.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(c => c.Length > 0)];
}
