using System.Text.Json;
using System.Text.Json.Nodes;

namespace Ringfence.Cli.Tests.Commands.Durable;

public sealed class JournalTailCommandTests
{
    [Fact]
    public void Journal_Tail_Prints_The_Last_Entries_Oldest_First()
    {
        using var db = new DatabaseFile();
        var scenario = File.ReadAllText(Repository.Scenario("isolated-vs-cross.jsonl"));
        Assert.Equal(0, db.Host(scenario).ExitCode);
        var commands = scenario.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        var tail = db.Run("journal", "tail", "--count", "3", "--json");

        Assert.True(tail.ExitCode == 0, tail.Error);
        var lines = tail.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal(3, lines.Count);
        Assert.Equal(Enumerable.Range(commands.Length - 2, 3).Select(i => (long)i), lines.Select(l => l.GetProperty("seq").GetInt64()));
        Assert.True(JsonNode.DeepEquals(JsonNode.Parse(commands[^1]), JsonNode.Parse(lines[^1].GetProperty("command").GetRawText())));

        var table = db.Run("journal", "tail", "-n", "2");
        Assert.Contains("withdraw", table.Out, StringComparison.Ordinal);
        Assert.All(table.Out.Split('\n'), line => Assert.True(line.Length <= TerminalWidth.Default, line));
        Assert.Equal(2, db.Run("journal", "tail", "--count", "0").ExitCode);
    }

    [Fact]
    public void A_Batch_That_Cannot_Be_Decoded_Is_One_Line_Saying_Why_And_The_Others_Are_Shown()
    {
        using var db = new DatabaseFile();
        Assert.Equal(0, db.Host("""{"type":"createAccount","account":"alice"}""").ExitCode);
        Assert.Equal(0, db.Host("""{"type":"createAccount","account":"bob"}""").ExitCode);

        // bob's batch loses its last byte: a torn write.
        db.Damage("UPDATE journal SET payload = CAST(substr(payload, 1, length(payload) - 1) AS BLOB) WHERE first_sequence = 2");
        var tail = db.Run("journal", "tail", "--json");

        Assert.True(tail.ExitCode == 0, tail.Error);
        var lines = tail.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement).ToList();
        Assert.Equal([1L, 2L], lines.Select(l => l.GetProperty("seq").GetInt64()));
        Assert.Equal("alice", lines[0].GetProperty("command").GetProperty("account").GetString());
        Assert.Equal(JsonValueKind.Null, lines[1].GetProperty("command").ValueKind);
        Assert.StartsWith("the journal batch of sequence 2 cannot be read", lines[1].GetProperty("problem").GetString(), StringComparison.Ordinal);
    }
}
