using System.Text.Json;

namespace Ringfence.Cli.Tests.Commands.Bench;

/// <summary>
/// <c>ringfence bench journal</c>: its JSON contract on a short SQLite run. Rates are only required to be positive;
/// no test asserts how fast anything is.
/// </summary>
public sealed class BenchJournalOutputTests
{
    private static readonly string[] RunFields =
    [
        "commandsPerSecond", "ratioToInMemory", "commits", "meanBatch", "ackP50Micros", "ackP99Micros", "ackP999Micros", "ackMaxMicros",
        "recoveryEntriesPerSecond", "recoveryCommandsPerSecond", "recoveryEventsPerSecond",
    ];

    [Fact]
    public void Json_Has_A_Run_Per_Batch_With_The_Contract_Fields_Recovery_In_Commands_Included()
    {
        var run = CliRun.Of(string.Empty, "bench", "journal", "--commands", "600", "--batches", "1,64", "--backends", "sqlite", "--json");

        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        using var json = JsonDocument.Parse(run.Out);
        Assert.True(json.RootElement.GetProperty("inMemory").GetProperty("commandsPerSecond").GetDouble() > 0);
        var runs = json.RootElement.GetProperty("runs").EnumerateArray().ToList();
        Assert.Equal([1, 64], runs.Select(r => r.GetProperty("batch").GetInt32()));
        foreach (var entry in runs)
        {
            Assert.Equal("sqlite", entry.GetProperty("backend").GetString());
            Assert.All(RunFields, field => Assert.True(entry.GetProperty(field).GetDouble() > 0, field));
        }
    }

    [Fact]
    public void The_Default_Batches_Reach_4096()
    {
        var help = CliRun.Of(string.Empty, "bench", "journal", "--help");

        Assert.Contains("1,16,256,1024,4096", help.Out, StringComparison.Ordinal);
    }
}
