using System.Text.Json;

namespace Ringfence.Cli.Tests.Commands.Durable;

public sealed class SnapshotCommandTests
{
    [Fact]
    public void Snapshot_Stores_The_State_At_The_Last_Entry_And_The_Next_Start_Replays_Nothing()
    {
        using var db = new DatabaseFile();
        var scenario = File.ReadAllText(Repository.Scenario("inverse-and-pods.jsonl"));
        Assert.Equal(0, db.Host(scenario, "--snapshot-every", "0").ExitCode);
        var entries = JsonDocument.Parse(db.Run("replay", "--json").Out).RootElement.GetProperty("sequence").GetInt64();

        var snapshot = db.Run("snapshot", "--json");

        Assert.True(snapshot.ExitCode == 0, snapshot.Error);
        var info = JsonDocument.Parse(snapshot.Out).RootElement;
        Assert.Equal(entries, info.GetProperty("sequence").GetInt64());
        var replay = JsonDocument.Parse(db.Run("replay", "--json").Out).RootElement;
        Assert.Equal(entries, replay.GetProperty("snapshot").GetInt64());
        Assert.Equal(0, replay.GetProperty("replayed").GetInt64());
        Assert.Equal(info.GetProperty("stateHash").GetString(), replay.GetProperty("stateHash").GetString());
    }
}
