using System.Text.Json;
using Ringfence.Cli.Bench;

namespace Ringfence.Cli.Tests.Bench;

/// <summary>
/// The budget of a measurement: without one every run is taken, a spent one stops after the first run, and the runs
/// taken reach the JSON and the table. Budgets here are either none, zero (spent before the first run ends) or an
/// hour (never spent by a few microsecond calls), so no test depends on how fast the machine is.
/// </summary>
public sealed class BenchSamplingTests
{
    private static readonly TimeSpan Hour = TimeSpan.FromHours(1);

    [Fact]
    public void Without_A_Budget_Or_Within_It_Every_Run_Is_Taken()
    {
        Assert.Equal(4, Sampler.MedianMicrosPerCall(() => { }, 4).Runs);
        Assert.Equal(4, Sampler.MedianMicrosPerCall(() => { }, 4, Hour).Runs);

        var prepared = 0;
        var sample = Sampler.MedianMicros(() => prepared++, n => n, _ => { }, 3, Hour);
        Assert.Equal((3, 3), (sample.Runs, prepared));
    }

    [Fact]
    public void A_Spent_Budget_Stops_After_The_First_Run_Whose_Result_Is_Still_Checked()
    {
        Assert.Equal(1, Sampler.MedianMicrosPerCall(() => { }, 5, TimeSpan.Zero).Runs);

        var checkedResults = new List<int>();
        var prepared = 0;
        var sample = Sampler.MedianMicros(() => prepared++, n => n * 10, checkedResults.Add, 3, TimeSpan.Zero);

        Assert.Equal(1, sample.Runs);
        Assert.Equal([0], checkedResults);
        Assert.True(sample.Micros >= 0);
    }

    [Fact]
    public void Json_Reports_The_Budget_And_The_Runs_Of_Every_Measurement()
    {
        var run = CliRun.Of(
            string.Empty, "bench", "liquidation", "--positions", "1000", "--runs", "2", "--crash-runs", "2", "--cross-limit", "1000", "--budget", "3600", "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        using var document = JsonDocument.Parse(run.Out);
        var root = document.RootElement;
        Assert.Equal(3600, root.GetProperty("settings").GetProperty("budgetSeconds").GetDouble());
        var row = Assert.Single(root.GetProperty("rows").EnumerateArray().ToList());
        foreach (var field in new[] { "indexedUpdateRuns", "fullScanRuns", "indexQueryRuns", "crossReevalRuns" })
        {
            Assert.Equal(2, row.GetProperty(field).GetInt32());
        }

        Assert.Equal(2, row.GetProperty("crash1Percent").GetProperty("runs").GetInt32());
        Assert.Equal(2, row.GetProperty("crash10Percent").GetProperty("runs").GetInt32());
    }

    [Fact]
    public void Budget_Zero_Means_None_And_The_Table_Lists_The_Runs_Per_Size()
    {
        var json = CliRun.Of(string.Empty, "bench", "liquidation", "--positions", "1000", "--runs", "1", "--crash-runs", "1", "--budget", "0", "--json");
        using (var document = JsonDocument.Parse(json.Out))
        {
            Assert.Equal(JsonValueKind.Null, document.RootElement.GetProperty("settings").GetProperty("budgetSeconds").ValueKind);
        }

        var table = CliRun.Of(string.Empty, "bench", "liquidation", "--positions", "1000", "--runs", "1", "--crash-runs", "1", "--cross-limit", "0");

        Assert.True(table.ExitCode == 0, $"exit {table.ExitCode}: {table.Error}");
        Assert.Contains(
            "runs: indexed update 1, full scan 1, index query 1, crash 1% 1, crash 10% 1, cross re-eval -", table.FlatOut, StringComparison.Ordinal);
        Assert.All(table.Out.Split('\n'), line => Assert.True(line.Length <= TerminalWidth.Default, line));
    }

    [Theory]
    [InlineData("-1")]
    [InlineData("86401")]
    public void A_Budget_Out_Of_Range_Is_Rejected(string budget)
    {
        var run = CliRun.Of(string.Empty, "bench", "liquidation", "--positions", "1000", "--budget", budget);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Contains("--budget", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
