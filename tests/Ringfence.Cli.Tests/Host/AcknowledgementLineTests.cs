using System.Text.Json.Nodes;
using Ringfence.Cli.Host;
using Ringfence.Core.Engine;
using Ringfence.Core.Serialization;
using Ringfence.Hosting;

namespace Ringfence.Cli.Tests.Host;

public sealed class AcknowledgementLineTests
{
    [Fact]
    public void An_acknowledgement_is_written_straight_as_the_same_line_its_json_nodes_give()
    {
        // Every command of the three examples, accepted and rejected, with and without a client id.
        var engine = new MarginEngine();
        var lines = Repository.Scenarios().SelectMany(File.ReadLines).Where(l => l.TrimStart().StartsWith('{')).ToList();
        Assert.NotEmpty(lines);
        for (var i = 0; i < lines.Count; i++)
        {
            var command = CommandJson.Parse(lines[i]);
            var acknowledgement = new Acknowledgement(i + 1, i % 3 == 0 ? $"c-{i}" : null, engine.Execute(command));

            Assert.Equal(Nodes(i + 1, acknowledgement), AcknowledgementLine.Of(i + 1, acknowledgement));
        }
    }

    /// <summary>The line built as JSON nodes, as it was before it was written straight: the oracle.</summary>
    private static string Nodes(int line, Acknowledgement acknowledgement) => new JsonObject
    {
        ["line"] = line,
        ["seq"] = acknowledgement.Sequence,
        ["id"] = acknowledgement.ClientId,
        ["accepted"] = acknowledgement.Result.Accepted,
        ["duplicate"] = acknowledgement.Result.Duplicate,
        ["events"] = new JsonArray(acknowledgement.Result.Events.Select(e => (JsonNode)EventJson.ToJson(e)).ToArray()),
    }.ToJsonString(OutputJson.Line);
}
