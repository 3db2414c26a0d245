using System.Text.Json;

namespace Ringfence.Cli.Tests.Commands.Bench;

/// <summary>
/// <c>ringfence bench throughput</c>: its JSON contract and table on tiny books. Times are only required to be
/// positive numbers; no test asserts how fast anything is.
/// </summary>
public sealed class BenchThroughputOutputTests
{
    private static readonly string[] RestoreStages = ["decodeSeconds", "engineSeconds", "hashSeconds"];

    [Fact]
    public void Json_Has_A_Row_Per_Size_With_The_Contract_Fields()
    {
        var run = CliRun.Of(string.Empty, "bench", "throughput", "--positions", "200,300", "--commands", "500", "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        using var json = JsonDocument.Parse(run.Out);
        Assert.Equal("throughput", json.RootElement.GetProperty("benchmark").GetString());
        var rows = json.RootElement.GetProperty("rows").EnumerateArray().ToList();
        Assert.Equal([200, 300], rows.Select(r => r.GetProperty("positions").GetInt32()));
        foreach (var row in rows)
        {
            foreach (var field in new[] { "mixedCommandsPerSecond", "bytesPerCommand", "floorNanos", "engineNanos" })
            {
                Assert.True(row.GetProperty(field).GetDouble() > 0, field);
            }

            // What recovery of the book costs: its snapshot's size and the time of each stage, the total their sum.
            var restore = row.GetProperty("restore");
            Assert.True(restore.GetProperty("bytes").GetInt64() > 0);
            var stages = RestoreStages.Select(f => restore.GetProperty(f).GetDouble()).ToList();
            Assert.All(stages, seconds => Assert.True(seconds > 0));
            Assert.Equal(stages.Sum(), restore.GetProperty("totalSeconds").GetDouble(), 9);

            var streams = row.GetProperty("streams").EnumerateArray().ToList();
            Assert.Equal(["trade", "addMargin", "removeMargin", "mark", "mixed"], streams.Select(s => s.GetProperty("kind").GetString()));
            Assert.All(streams, s => Assert.Equal(500, s.GetProperty("commands").GetInt32()));

            // A third of the removals ask for 1,000,000 USDT, which no position holds.
            var removals = streams[2];
            Assert.True(removals.GetProperty("rejected").GetInt32() >= 500 / 4, "the oversized removals were not rejected");
            Assert.Equal(0, streams[3].GetProperty("rejected").GetInt32());
        }
    }

    [Fact]
    public void The_Streams_Are_The_Same_On_Every_Run()
    {
        // Deterministic: the same seed gives the same commands, so the same rejections.
        string Rejections() => string.Join(',', JsonDocument.Parse(CliRun.Of(string.Empty, "bench", "throughput", "--positions", "200", "--commands", "400", "--json").Out)
            .RootElement.GetProperty("rows")[0].GetProperty("streams").EnumerateArray().Select(s => s.GetProperty("rejected").GetInt32()));

        Assert.Equal(Rejections(), Rejections());
    }

    [Fact]
    public void Table_Fits_80_Columns_And_Names_The_Mix()
    {
        var run = CliRun.Of(string.Empty, "bench", "throughput", "--positions", "200", "--commands", "300");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.All(run.Out.Split('\n'), line => Assert.True(line.Length <= 80, line));
        Assert.Contains("40% trade, 15% addMargin, 15% removeMargin, 30% mark", run.FlatOut, StringComparison.Ordinal);
        Assert.Contains("N = 200: restore ", run.FlatOut, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("--positions", "0")]
    [InlineData("--positions", "ten")]
    [InlineData("--commands", "0")]
    public void Bad_Options_Are_Refused_With_Exit_2(string option, string value)
    {
        var run = CliRun.Of(string.Empty, "bench", "throughput", option, value);

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith($"error: {option}:", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }
}
