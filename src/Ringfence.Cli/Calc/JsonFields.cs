using System.Text.Json;
using Ringfence.Core.Numerics;

namespace Ringfence.Cli.Calc;

/// <summary>
/// The fields of one JSON object, checked against the names it may hold, with typed and exact access. Every error
/// names the field by its path (<c>tiers[1].mmr</c>). A field whose value is JSON <c>null</c> counts as absent.
/// </summary>
internal sealed class JsonFields
{
    private readonly Dictionary<string, JsonElement> _values;
    private readonly string _prefix;

    private JsonFields(Dictionary<string, JsonElement> values, string prefix)
    {
        _values = values;
        _prefix = prefix;
    }

    /// <summary>
    /// Opens <paramref name="element"/> as an object at <paramref name="path"/> (empty for the document itself),
    /// rejecting any field not in <paramref name="knownFields"/> and any field given twice.
    /// </summary>
    public static JsonFields Open(JsonElement element, string path, IReadOnlyList<string> knownFields)
    {
        ArgumentNullException.ThrowIfNull(knownFields);
        var prefix = path.Length == 0 ? string.Empty : path + ".";
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new InputException(path.Length == 0 ? "input" : path, $"must be a JSON object, not {JsonKinds.Describe(element.ValueKind)}");
        }

        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var property in element.EnumerateObject())
        {
            if (!knownFields.Contains(property.Name, StringComparer.Ordinal))
            {
                throw new InputException(prefix + property.Name, $"unknown field (known: {string.Join(", ", knownFields)})");
            }

            // JsonDocument keeps both copies of a repeated name; silently taking one would hide a typo'd file.
            if (!values.TryAdd(property.Name, property.Value))
            {
                throw new InputException(prefix + property.Name, "field given twice");
            }
        }

        return new JsonFields(values, prefix);
    }

    /// <summary>The full path of a field of this object.</summary>
    public string PathOf(string name) => _prefix + name;

    /// <summary>True when the field is present with a non-null value.</summary>
    public bool Has(string name) => _values.TryGetValue(name, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>The raw value of a present, non-null field.</summary>
    public bool TryGet(string name, out JsonElement value) =>
        _values.TryGetValue(name, out value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>A required string field.</summary>
    public string RequiredString(string name) =>
        OptionalString(name) ?? throw new InputException(PathOf(name), "required field is missing");

    /// <summary>An optional string field, or null when absent.</summary>
    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : throw new InputException(PathOf(name), $"must be a string, not {JsonKinds.Describe(value.ValueKind)}");
    }

    /// <summary>A required number field, parsed exactly.</summary>
    public T RequiredNumber<T>(string name)
        where T : struct, IFixedPoint<T> =>
        OptionalNumber<T>(name) ?? throw new InputException(PathOf(name), "required field is missing");

    /// <summary>
    /// An optional number field, parsed exactly from the JSON number's own text or from a decimal string, or null
    /// when absent. Never goes through <see cref="double"/> or <see cref="decimal"/>, which would round silently.
    /// </summary>
    public T? OptionalNumber<T>(string name)
        where T : struct, IFixedPoint<T>
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        var text = value.ValueKind switch
        {
            JsonValueKind.Number => value.GetRawText(),
            JsonValueKind.String => value.GetString()!,
            _ => throw new InputException(PathOf(name), $"must be a number or a decimal string, not {JsonKinds.Describe(value.ValueKind)}"),
        };
        return T.TryParse(text, out var parsed, out var problem)
            ? parsed
            : throw new InputException(PathOf(name), problem);
    }

    /// <summary>A required number field that must be greater than zero.</summary>
    public T RequiredPositive<T>(string name)
        where T : struct, IFixedPoint<T> =>
        RequirePositive(name, RequiredNumber<T>(name));

    /// <summary>An optional number field that must be greater than zero when given.</summary>
    public T? OptionalPositive<T>(string name)
        where T : struct, IFixedPoint<T> =>
        OptionalNumber<T>(name) is { } value ? RequirePositive(name, value) : null;

    /// <summary>An optional number field that must not be negative when given.</summary>
    public T? OptionalNonNegative<T>(string name)
        where T : struct, IFixedPoint<T>
    {
        var value = OptionalNumber<T>(name);
        return value is { Units: < 0 }
            ? throw new InputException(PathOf(name), $"must not be negative (got {value})")
            : value;
    }

    private T RequirePositive<T>(string name, T value)
        where T : struct, IFixedPoint<T> =>
        value.Units > 0 ? value : throw new InputException(PathOf(name), $"must be positive (got {value})");
}
