using System.Text.Json;
using System.Text.Json.Serialization;

namespace Ringfence.Core.Serialization.Wire;

/// <summary>
/// Writes a value type as the JSON string of its canonical text: fixed-point numbers as exact decimal strings
/// (<c>"1000"</c>, <c>"0.00000001"</c>), ids, asset codes and scopes as their text. Write-only: commands are read by
/// <see cref="CommandJson"/>, which names the field of any error.
/// </summary>
/// <typeparam name="T">The value type.</typeparam>
internal sealed class TextJsonConverter<T>(Func<T, string> text) : JsonConverter<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException($"{typeof(T).Name} is read by CommandJson, not by the writer's options.");

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) => writer.WriteStringValue(text(value));
}
