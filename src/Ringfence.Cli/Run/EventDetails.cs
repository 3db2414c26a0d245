using Ringfence.Core.Engine.Events;
using Ringfence.Core.Serialization;

namespace Ringfence.Cli.Run;

/// <summary>The key fields of an event in one line of text, for the event table of <c>ringfence run</c>.</summary>
internal static class EventDetails
{
    /// <summary>
    /// <c>CODE: reason</c> for a rejection; otherwise the event's fields as <c>name=value</c> pairs, in the order and
    /// with the names of its JSON form (<see cref="EventJson"/>), <c>none</c> for a missing value.
    /// </summary>
    public static string Describe(EngineEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        if (@event is CommandRejected rejected)
        {
            return $"{rejected.Code}: {rejected.Reason}";
        }

        var fields = EventJson.ToJson(@event)
            .Where(field => field.Key != "type")
            .Select(field => $"{field.Key}={field.Value?.ToString() ?? "none"}");
        return string.Join(' ', fields);
    }
}
