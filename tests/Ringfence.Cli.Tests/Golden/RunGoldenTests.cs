using Ringfence.Core.Tests.Golden;

namespace Ringfence.Cli.Tests.Golden;

/// <summary>
/// <c>ringfence run --json</c> of every example scenario, recorded: a faster engine must answer each the same way,
/// value for value (see <see cref="GoldenFile"/>).
/// </summary>
public sealed class RunGoldenTests
{
    [Theory]
    [InlineData("isolated-vs-cross.jsonl")]
    [InlineData("crash-liquidation.jsonl")]
    [InlineData("inverse-and-pods.jsonl")]
    public void Run_Json_Of_Each_Example_Is_The_Recorded_Output(string scenario)
    {
        var run = CliRun.Of(string.Empty, "run", Repository.Scenario(scenario), "--json");

        Assert.Equal(0, run.ExitCode);
        GoldenFile.Verify(Path.ChangeExtension(scenario, ".json"), run.Out);
    }

    [Fact]
    public void Every_Example_Scenario_Has_A_Golden_Output()
    {
        var examples = Directory.GetFiles(Path.GetDirectoryName(Repository.Scenario("isolated-vs-cross.jsonl"))!, "*.jsonl").Select(Path.GetFileName);
        string[] covered = ["isolated-vs-cross.jsonl", "crash-liquidation.jsonl", "inverse-and-pods.jsonl"];
        Assert.Equal(covered.Order(StringComparer.Ordinal), examples.Order(StringComparer.Ordinal));
    }
}
