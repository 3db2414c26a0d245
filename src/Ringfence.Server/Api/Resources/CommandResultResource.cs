using System.Text.Json.Nodes;
using Ringfence.Hosting;
using Ringfence.Core.Serialization;

namespace Ringfence.Server.Api.Resources;

/// <summary>What a command did, once journaled: its sequence and its events (the scenario format's event objects).</summary>
/// <param name="Sequence">The command's journal sequence.</param>
/// <param name="Duplicate">True when its client id (<c>id</c>) was seen before and this is the first outcome again.</param>
/// <param name="Events">Its events.</param>
public sealed record CommandResultResource(long Sequence, bool Duplicate, IReadOnlyList<JsonObject> Events)
{
    /// <summary>The resource of an acknowledgement.</summary>
    public static CommandResultResource Of(Acknowledgement acknowledgement)
    {
        ArgumentNullException.ThrowIfNull(acknowledgement);
        return new CommandResultResource(acknowledgement.Sequence, acknowledgement.Result.Duplicate, [.. acknowledgement.Result.Events.Select(EventJson.ToJson)]);
    }
}
