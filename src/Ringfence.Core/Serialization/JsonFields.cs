using System.Runtime.InteropServices;
using System.Text.Json;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Serialization;

/// <summary>
/// Reads the fields of one JSON object strictly: each getter names the field in its error, numbers (JSON numbers or
/// decimal strings) are parsed exactly from their text, a field given twice is refused when the object is opened, and
/// <see cref="RejectUnknown()"/> refuses fields nobody asked for. A field whose value is JSON <c>null</c> counts as absent.
/// </summary>
public sealed class JsonFields
{
    private readonly JsonElement _object;
    private readonly string _path;

    // The names asked for, in the order first asked: the "known" list of an unknown-field error. An object has a few
    // fields, so a list searched in order is cheaper than a set beside it.
    private readonly List<string> _known = [];

    private JsonFields(JsonElement element, string path)
    {
        _object = element;
        _path = path;
    }

    /// <summary>Parses <paramref name="json"/>, which must be one JSON object.</summary>
    /// <exception cref="JsonInputException">
    /// Malformed JSON (field <c>input</c>), text that is not valid UTF-16 (a lone surrogate escape such as <c>"\ud800"</c>,
    /// naming the field), not an object, or a field given twice.
    /// </exception>
    public static JsonFields Parse(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(json, new JsonDocumentOptions { AllowTrailingCommas = false, MaxDepth = 16 });
            root = document.RootElement.Clone();
        }
        catch (JsonException malformed)
        {
            throw new JsonInputException("input", $"malformed JSON: {InputExcerpt.Escape(malformed.Message)}");
        }
        catch (ArgumentException invalid) when (invalid.InnerException is System.Text.EncoderFallbackException)
        {
            // A string handed over by a caller (not read from a file, whose decoder would have replaced it) can hold a
            // lone surrogate character itself; JsonDocument refuses to transcode it.
            throw new JsonInputException("input", "not valid text (a lone UTF-16 surrogate character)");
        }

        // JsonDocument accepts an escape that decodes to half a surrogate pair and throws only when the string is read,
        // wherever that happens; checking every name and string once here makes it one error that names the field.
        RequireValidText(root, string.Empty);
        return Of(root, string.Empty);
    }

    /// <summary>Wraps an element that must be an object, reporting errors under <paramref name="path"/>.</summary>
    /// <exception cref="JsonInputException">Not an object, or a field given twice.</exception>
    public static JsonFields Of(JsonElement element, string path)
    {
        ArgumentNullException.ThrowIfNull(path);
        if (element.ValueKind != JsonValueKind.Object)
        {
            throw new JsonInputException(path.Length == 0 ? "input" : path, $"must be a JSON object, not {Describe(element)}");
        }

        var fields = new JsonFields(element, path);

        // JsonDocument keeps both copies of a repeated name and answers with one of them; silently taking it would
        // hide a mistake in the file.
        if (RepeatedName(element) is { } repeated)
        {
            throw fields.Error(repeated, "field given twice");
        }

        return fields;
    }

    /// <summary>
    /// The first name the object gives twice, or null. Names are compared as their raw UTF-8 bytes, pair by pair (an
    /// object has a few fields: no set, no strings); a name written with an escape is compared decoded instead.
    /// </summary>
    private static string? RepeatedName(JsonElement element)
    {
        var count = 0;
        var escaped = false;
        foreach (var property in element.EnumerateObject())
        {
            count++;
            escaped |= JsonMarshal.GetRawUtf8PropertyName(property).IndexOf((byte)'\\') >= 0;
        }

        if (escaped || count > 32)
        {
            var seen = new HashSet<string>(StringComparer.Ordinal);
            foreach (var property in element.EnumerateObject())
            {
                if (!seen.Add(property.Name))
                {
                    return property.Name;
                }
            }

            return null;
        }

        var i = 0;
        foreach (var property in element.EnumerateObject())
        {
            var name = JsonMarshal.GetRawUtf8PropertyName(property);
            var j = 0;
            foreach (var earlier in element.EnumerateObject())
            {
                if (j++ >= i)
                {
                    break;
                }

                if (JsonMarshal.GetRawUtf8PropertyName(earlier).SequenceEqual(name))
                {
                    return property.Name;
                }
            }

            i++;
        }

        return null;
    }

    /// <summary>True when the field is present (and not null). Counts as asking for it.</summary>
    public bool Has(string name) => TryGet(name, out _);

    /// <summary>A required string.</summary>
    public string String(string name) => OptionalString(name) ?? throw Missing(name);

    /// <summary>An optional string.</summary>
    public string? OptionalString(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        return value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(name, "a string", value);
    }

    /// <summary>A required boolean.</summary>
    public bool Bool(string name)
    {
        if (!TryGet(name, out var value))
        {
            throw Missing(name);
        }

        return value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong(name, "true or false", value),
        };
    }

    /// <summary>A required exact decimal.</summary>
    public T Number<T>(string name)
        where T : struct, IFixedPoint<T> => OptionalNumber<T>(name) ?? throw Missing(name);

    /// <summary>
    /// An optional exact decimal, parsed from the JSON number's own text or from a decimal string. Never goes through
    /// <see cref="double"/> or <see cref="decimal"/>, which would round silently.
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
            JsonValueKind.String => value.GetString()!,
            JsonValueKind.Number => value.GetRawText(),
            _ => throw Wrong(name, "a decimal number", value),
        };
        return T.TryParse(text, out var number, out var problem) ? number : throw new JsonInputException(Path(name), problem);
    }

    /// <summary>A required exact decimal that must be greater than zero.</summary>
    public T Positive<T>(string name)
        where T : struct, IFixedPoint<T> => RequirePositive(name, Number<T>(name));

    /// <summary>An optional exact decimal that must be greater than zero when given.</summary>
    public T? OptionalPositive<T>(string name)
        where T : struct, IFixedPoint<T> =>
        OptionalNumber<T>(name) is { } value ? RequirePositive(name, value) : null;

    /// <summary>An optional exact decimal that must not be negative when given.</summary>
    public T? OptionalNonNegative<T>(string name)
        where T : struct, IFixedPoint<T>
    {
        var value = OptionalNumber<T>(name);
        return value is { Units: < 0 } ? throw Error(name, $"must not be negative (got {value})") : value;
    }

    /// <summary>A required nested object.</summary>
    public JsonFields Object(string name) =>
        TryGet(name, out var value) ? Of(value, Path(name)) : throw Missing(name);

    /// <summary>An optional array of objects.</summary>
    public IReadOnlyList<JsonFields>? OptionalObjects(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Wrong(name, "an array", value);
        }

        return value.EnumerateArray().Select((item, i) => Of(item, $"{Path(name)}[{i}]")).ToList();
    }

    /// <summary>An optional array of strings.</summary>
    public IReadOnlyList<string>? OptionalStrings(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Wrong(name, "an array of strings", value);
        }

        var strings = new List<string>();
        var index = 0;
        foreach (var item in value.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String)
            {
                throw new JsonInputException($"{Path(name)}[{index}]", $"must be a string, not {Describe(item)}");
            }

            strings.Add(item.GetString()!);
            index++;
        }

        return strings;
    }

    /// <summary>The names of the object's fields, in the order sent (for objects keyed by data, such as symbols).</summary>
    public IReadOnlyList<string> Names() => _object.EnumerateObject().Select(p => p.Name).ToList();

    /// <summary>Rejects any field that no getter asked for (and that was not <see cref="Accept(string)"/>ed).</summary>
    public void RejectUnknown()
    {
        foreach (var property in _object.EnumerateObject())
        {
            if (!IsKnown(property))
            {
                throw new JsonInputException(Path(property.Name), $"unknown field (known: {string.Join(", ", _known)})");
            }
        }
    }

    /// <summary>Marks a field as understood without reading it (a discriminator read elsewhere, or a name read later).</summary>
    public void Accept(string name)
    {
        if (!_known.Contains(name))
        {
            _known.Add(name);
        }
    }

    /// <summary>
    /// Rejects at once any field not in <paramref name="names"/>, before anything is read: a misspelt optional field
    /// is then reported as unknown rather than as the required field it was meant to be.
    /// </summary>
    public void RejectUnknown(IEnumerable<string> names)
    {
        ArgumentNullException.ThrowIfNull(names);
        foreach (var name in names)
        {
            Accept(name);
        }

        RejectUnknown();
    }

    /// <summary>An error about field <paramref name="name"/>.</summary>
    public JsonInputException Error(string name, string problem) => new(Path(name), problem);

    /// <summary>The field's path for messages.</summary>
    public string Path(string name) => _path.Length == 0 ? name : $"{_path}.{name}";

    private bool TryGet(string name, out JsonElement value)
    {
        Accept(name);
        return _object.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }

    private bool IsKnown(JsonProperty property)
    {
        foreach (var name in _known)
        {
            if (property.NameEquals(name))
            {
                return true;
            }
        }

        return false;
    }

    /// <summary>
    /// Whether any name or string in <paramref name="element"/> holds a <c>\u</c> escape: only those can decode to half
    /// a surrogate pair (the rest of the text was transcoded from a valid string), so only then is each one read.
    /// </summary>
    private static bool HoldsUnicodeEscapes(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (JsonMarshal.GetRawUtf8PropertyName(property).IndexOf("\\u"u8) >= 0 || HoldsUnicodeEscapes(property.Value))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.Array:
                foreach (var item in element.EnumerateArray())
                {
                    if (HoldsUnicodeEscapes(item))
                    {
                        return true;
                    }
                }

                return false;
            case JsonValueKind.String:
                return JsonMarshal.GetRawUtf8Value(element).IndexOf("\\u"u8) >= 0;
            default:
                return false;
        }
    }

    private static void RequireValidText(JsonElement element, string path)
    {
        if (path.Length == 0 && !HoldsUnicodeEscapes(element))
        {
            return;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    var name = ReadText(() => property.Name, path.Length == 0 ? "input" : path, "a field name");
                    RequireValidText(property.Value, path.Length == 0 ? name : $"{path}.{name}");
                }

                break;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    RequireValidText(item, $"{(path.Length == 0 ? "input" : path)}[{index++}]");
                }

                break;
            case JsonValueKind.String:
                ReadText(element.GetString, path.Length == 0 ? "input" : path, "the value");
                break;
        }
    }

    private static string ReadText(Func<string?> read, string path, string what)
    {
        try
        {
            return read() ?? string.Empty;
        }
        catch (InvalidOperationException)
        {
            throw new JsonInputException(path, $"{what} is not valid text (an escape such as \\ud800 that is half of a UTF-16 surrogate pair)");
        }
    }

    private T RequirePositive<T>(string name, T value)
        where T : struct, IFixedPoint<T> =>
        value.Units > 0 ? value : throw Error(name, $"must be positive (got {value})");

    private JsonInputException Missing(string name) => new(Path(name), "missing field");

    private JsonInputException Wrong(string name, string expected, JsonElement value) =>
        new(Path(name), $"must be {expected}, not {Describe(value)}");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => $"the text {InputExcerpt.Quote(value.GetString())}",
        JsonValueKind.Number => $"the number {InputExcerpt.Quote(value.GetRawText())}",
        JsonValueKind.True or JsonValueKind.False => value.GetRawText(),
        JsonValueKind.Array => "an array",
        JsonValueKind.Object => "an object",
        _ => "null",
    };
}
