using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Serialization;

/// <summary>
/// How domain values appear in JSON output: exact numbers as decimal strings, identifiers as their text, enums in
/// camel case (<c>long</c>, <c>linear</c>), times in ISO-8601 UTC.
/// </summary>
public static class JsonValues
{
    /// <summary>The JSON form of a domain value.</summary>
    public static JsonNode? From(object? value) => value switch
    {
        null => null,
        string text => JsonValue.Create(text),
        bool flag => JsonValue.Create(flag),
        int number => JsonValue.Create(number),
        long number => JsonValue.Create(number),
        Enum member => JsonValue.Create(CamelCase(member.ToString())),
        DateTimeOffset time => JsonValue.Create(time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)),
        Price or Quantity or Money or Rate or Leverage => JsonValue.Create(value.ToString()),
        _ => JsonValue.Create(value.ToString()),
    };

    /// <summary>Writes the JSON form of a domain value, exactly as <see cref="From"/> gives it, without building a node.</summary>
    public static void Write(Utf8JsonWriter writer, object? value)
    {
        ArgumentNullException.ThrowIfNull(writer);
        switch (value)
        {
            case null: writer.WriteNullValue(); break;
            case string text: writer.WriteStringValue(text); break;
            case bool flag: writer.WriteBooleanValue(flag); break;
            case int number: writer.WriteNumberValue(number); break;
            case long number: writer.WriteNumberValue(number); break;
            case Enum member: writer.WriteStringValue(CamelCase(member.ToString())); break;
            case DateTimeOffset time: writer.WriteStringValue(time.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)); break;
            default: writer.WriteStringValue(value.ToString()); break;
        }
    }

    /// <summary><c>PositionOpened</c> → <c>positionOpened</c>.</summary>
    public static string CamelCase(string name) =>
        string.IsNullOrEmpty(name) ? name : char.ToLowerInvariant(name[0]) + name[1..];
}
