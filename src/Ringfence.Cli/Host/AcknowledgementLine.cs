using System.Text.Json.Nodes;
using Ringfence.Core.Serialization;
using Ringfence.Hosting;

namespace Ringfence.Cli.Host;

/// <summary>
/// The lines <c>ringfence host</c> writes to standard output, one per input line, in input order: an acknowledgement
/// <c>{"line","seq","id","accepted","duplicate","events"}</c> once the command is journaled, or
/// <c>{"line","error"}</c> for a line that is not a command (nothing journaled).
/// </summary>
internal static class AcknowledgementLine
{
    /// <summary>The acknowledgement of input line <paramref name="line"/>.</summary>
    public static string Of(int line, Acknowledgement acknowledgement)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        var result = acknowledgement.Result;
        var events = new JsonArray();
        foreach (var @event in result.Events)
        {
            events.Add(EventJson.ToJson(@event));
        }

        return new JsonObject
        {
            ["line"] = line,
            ["seq"] = acknowledgement.Sequence,
            ["id"] = acknowledgement.ClientId,
            ["accepted"] = result.Accepted,
            ["duplicate"] = result.Duplicate,
            ["events"] = events,
        }.ToJsonString(OutputJson.Line);
    }

    /// <summary>The reply to input line <paramref name="line"/>, which was not a valid command.</summary>
    public static string Error(int line, string message) =>
        new JsonObject { ["line"] = line, ["error"] = message }.ToJsonString(OutputJson.Line);
}
