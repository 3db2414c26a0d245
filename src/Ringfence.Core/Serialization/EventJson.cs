using System.Collections.Concurrent;
using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ringfence.Core.Engine.Events;

namespace Ringfence.Core.Serialization;

/// <summary>
/// Writes an event as a JSON object: <c>type</c> first, then each property of the event record in declaration order,
/// camel-cased, with values as <see cref="JsonValues"/> formats them.
/// </summary>
public static class EventJson
{
    private static readonly ConcurrentDictionary<Type, PropertyInfo[]> Properties = new();

    /// <summary>The JSON object of <paramref name="event"/>.</summary>
    public static JsonObject ToJson(EngineEvent @event)
    {
        ArgumentNullException.ThrowIfNull(@event);
        var json = new JsonObject { ["type"] = @event.Type };
        foreach (var property in Properties.GetOrAdd(@event.GetType(), DeclaredProperties))
        {
            json[JsonValues.CamelCase(property.Name)] = JsonValues.From(property.GetValue(@event));
        }

        return json;
    }

    /// <summary>
    /// Writes the same object as <see cref="ToJson"/> straight to <paramref name="writer"/>, without building nodes
    /// (an acknowledgement line writes every event of its command).
    /// </summary>
    public static void Write(Utf8JsonWriter writer, EngineEvent @event)
    {
        ArgumentNullException.ThrowIfNull(writer);
        ArgumentNullException.ThrowIfNull(@event);
        writer.WriteStartObject();
        writer.WriteString("type", @event.Type);
        foreach (var property in Properties.GetOrAdd(@event.GetType(), DeclaredProperties))
        {
            writer.WritePropertyName(JsonValues.CamelCase(property.Name));
            JsonValues.Write(writer, property.GetValue(@event));
        }

        writer.WriteEndObject();
    }

    private static PropertyInfo[] DeclaredProperties(Type type) =>
        type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.Name != nameof(EngineEvent.Type) && p.GetIndexParameters().Length == 0)
            .OrderBy(p => p.MetadataToken)
            .ToArray();
}
