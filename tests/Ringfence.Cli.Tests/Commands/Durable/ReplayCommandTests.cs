using System.Text.Json;

namespace Ringfence.Cli.Tests.Commands.Durable;

public sealed class ReplayCommandTests
{
    [Fact]
    public void Replay_Verify_Checks_Every_Snapshot_Of_A_Journal_A_Host_Wrote()
    {
        using var db = new DatabaseFile();
        var scenario = File.ReadAllText(Repository.Scenario("crash-liquidation.jsonl"));
        // Two host runs, so at least two snapshots whatever the timing: a periodic snapshot is encoded off the engine
        // thread and none is started while one is being encoded, so one run may store only its first; but each run
        // stores at least the one due 5 commands after it starts (a clean stop keeps it).
        var lines = scenario.Split('\n');
        var half = lines.Length / 2;
        var first = db.Host(string.Join('\n', lines[..half]), "--snapshot-every", "5", "--max-batch", "1");
        Assert.True(first.ExitCode == 0, first.Error);
        var second = db.Host(string.Join('\n', lines[half..]), "--snapshot-every", "5", "--max-batch", "1");
        Assert.True(second.ExitCode == 0, second.Error);
        var inMemory = CliRun.Of(scenario, "run", "-", "--json");

        var verify = db.Run("replay", "--verify", "--json");

        Assert.True(verify.ExitCode == 0, verify.Error);
        var report = JsonDocument.Parse(verify.Out).RootElement;
        Assert.True(report.GetProperty("verified").GetBoolean());
        Assert.True(report.GetProperty("snapshots").GetArrayLength() >= 2, verify.Out);
        Assert.All(report.GetProperty("snapshots").EnumerateArray(), s => Assert.Equal(JsonValueKind.Null, s.GetProperty("problem").ValueKind));
        var hash = JsonDocument.Parse(inMemory.Out).RootElement.GetProperty("state").GetProperty("hash").GetString();
        Assert.Equal(hash, report.GetProperty("stateHash").GetString());

        var recover = db.Run("replay", "--json");
        Assert.True(recover.ExitCode == 0, recover.Error);
        Assert.Equal(hash, JsonDocument.Parse(recover.Out).RootElement.GetProperty("stateHash").GetString());
        Assert.Contains("Verified", db.Run("replay", "--verify").Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_Verify_Fails_With_Exit_3_On_A_Snapshot_That_Disagrees_With_The_Journal()
    {
        using var db = new DatabaseFile();
        var scenario = File.ReadAllText(Repository.Scenario("isolated-vs-cross.jsonl"));
        Assert.Equal(0, db.Host(scenario, "--snapshot-every", "5", "--max-batch", "1").ExitCode);
        db.Damage("UPDATE snapshots SET state_hash = '" + new string('0', 64) + "' WHERE sequence = (SELECT MAX(sequence) FROM snapshots)");

        var verify = db.Run("replay", "--verify");
        Assert.Equal(3, verify.ExitCode);
        Assert.Contains("stored hash differs from the replayed state's hash", verify.FlatOut, StringComparison.Ordinal);
        Assert.Contains($"stored hash {new string('0', 64)}", verify.Out, StringComparison.Ordinal);
        Assert.All(verify.Out.Split('\n'), line => Assert.True(line.Length <= TerminalWidth.Default, line));

        // Recovery itself goes around the bad snapshot to an older one and still gets the journal's state.
        var recover = db.Run("replay");
        Assert.Equal(0, recover.ExitCode);
        Assert.Contains("skipped snapshot", recover.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Replay_Of_A_Missing_File_Is_Exit_3_And_Creates_Nothing()
    {
        using var db = new DatabaseFile();
        var run = db.Run("replay");
        Assert.Equal(3, run.ExitCode);
        Assert.Equal($"error: no database at '{db.Path}' (give --db the file a host wrote)", run.Error.TrimEnd());
        Assert.False(File.Exists(db.Path));
    }
}
