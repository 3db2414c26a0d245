using System.Globalization;
using System.Text.Json;
using Ringfence.Core.Accounts;
using Ringfence.Core.Ledger;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Storage.Snapshots.Json;

/// <summary>
/// One JSON object of a snapshot being read, with its path (<c>markets[0].instrument</c>) for errors: typed getters
/// that mirror <see cref="SnapshotWriter"/>, each failing with a <see cref="SnapshotFormatException"/> that names the
/// field. A field that is absent or JSON null reads as absent. Exact decimals are read as integer counts of 10⁻⁸ units,
/// never through a double.
/// </summary>
internal readonly struct SnapshotElement
{
    private readonly JsonElement _element;

    // The path is only needed for an error, so an array item keeps its array's path and its index rather than a string
    // of its own: a million positions then cost no million path strings.
    private readonly string _path;
    private readonly int _index;

    private SnapshotElement(JsonElement element, string path, int index)
    {
        _element = element;
        _path = path;
        _index = index;
    }

    /// <summary>This object's path, e.g. <c>positions[12]</c> or <c>markets[0].instrument</c>.</summary>
    public string Path => _index < 0 ? _path : $"{_path}[{_index}]";

    /// <summary>Wraps <paramref name="element"/>, which must be an object: the field at <paramref name="path"/>.</summary>
    public static SnapshotElement Of(JsonElement element, string path) => Of(element, path, -1);

    /// <summary>Wraps <paramref name="element"/>, which must be an object: item <paramref name="index"/> of the array at <paramref name="path"/>.</summary>
    public static SnapshotElement Of(JsonElement element, string path, int index) =>
        element.ValueKind == JsonValueKind.Object
            ? new SnapshotElement(element, path, index)
            : throw new SnapshotFormatException($"Snapshot field '{new SnapshotElement(element, path, index).Path}' must be a JSON object, not {Describe(element)}.");

    public string Text(string name) => OptionalText(name) ?? throw Missing(name);

    public string? OptionalText(string name) => TryGet(name, out var value)
        ? value.ValueKind == JsonValueKind.String ? value.GetString()! : throw Wrong(name, "a string", value)
        : null;

    public bool Flag(string name) => OptionalFlag(name) ?? throw Missing(name);

    public bool? OptionalFlag(string name) => TryGet(name, out var value)
        ? value.ValueKind switch
        {
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            _ => throw Wrong(name, "true or false", value),
        }
        : null;

    public long Integer(string name) =>
        !TryGet(name, out var value) ? throw Missing(name)
        : value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number) ? number
        : throw Wrong(name, "a whole number", value);

    public int Int32(string name)
    {
        var number = Integer(name);
        return number is >= int.MinValue and <= int.MaxValue ? (int)number : throw Error(name, $"{number} is out of range");
    }

    public T Number<T>(string name)
        where T : struct, IFixedPoint<T> => OptionalNumber<T>(name) ?? throw Missing(name);

    /// <summary>An exact decimal from its integer count of 10⁻⁸ units.</summary>
    public T? OptionalNumber<T>(string name)
        where T : struct, IFixedPoint<T>
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }

        // long.MinValue has no negation in the symmetric fixed-point range, so no value has it as its units.
        return value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var units) && units != long.MinValue
            ? T.FromUnits(units)
            : throw Wrong(name, "a whole number of 10⁻⁸ units", value);
    }

    public DateTimeOffset Time(string name) => OptionalTime(name) ?? throw Missing(name);

    public DateTimeOffset? OptionalTime(string name)
    {
        var text = OptionalText(name);
        if (text is null)
        {
            return null;
        }

        return ParseTime(text, Child(name));
    }

    /// <summary>A time in the round-trip form <see cref="SnapshotWriter.Time"/> writes, exact to the tick with its offset.</summary>
    public static DateTimeOffset ParseTime(string text, string path) =>
        DateTimeOffset.TryParseExact(text, "O", CultureInfo.InvariantCulture, DateTimeStyles.None, out var time)
            ? time
            : throw new SnapshotFormatException($"Snapshot field '{path}': '{text}' is not a round-trip (\"O\") time.");

    public AccountId Account(string name) => OptionalAccount(name) ?? throw Missing(name);

    /// <summary>An account id; the backstop's reserved id, which no user may take, reads back as itself.</summary>
    public AccountId? OptionalAccount(string name)
    {
        var text = OptionalText(name);
        if (text is null)
        {
            return null;
        }

        return AccountId.TryParseRecorded(text, out var id) ? id : throw Error(name, $"'{text}' is not an account id");
    }

    public Asset Asset(string name)
    {
        var text = Text(name);
        return Core.Accounts.Asset.TryCreate(text, out var asset) ? asset : throw Error(name, $"'{text}' is not an asset code");
    }

    public MarginScope Scope(string name)
    {
        var text = Text(name);
        return MarginScope.TryParse(text, out var scope) ? scope : throw Error(name, $"'{text}' is not a margin scope (isolated, cross or pod:NAME)");
    }

    public T Enum<T>(string name)
        where T : struct, Enum
    {
        var text = Text(name);
        return EnumNames.TryParse<T>(text, out var value)
            ? value
            : throw Error(name, $"'{text}' is not a {typeof(T).Name} (known: {string.Join(", ", EnumNames.All<T>())})");
    }

    /// <summary>A ledger account from the <c>kind</c>, <c>owner</c> and <c>asset</c> fields of this object.</summary>
    public LedgerAccount LedgerFields() => new(Enum<LedgerAccountKind>("kind"), Text("owner"), Asset("asset"));

    public LedgerAccount? OptionalLedger(string name) => OptionalObject(name)?.LedgerFields();

    public SnapshotElement Object(string name) => OptionalObject(name) ?? throw Missing(name);

    public SnapshotElement? OptionalObject(string name) => TryGet(name, out var value) ? Of(value, Child(name)) : null;

    /// <summary>The objects of an array field, each read by <paramref name="read"/>.</summary>
    public List<T> Array<T>(string name, Func<SnapshotElement, T> read)
    {
        if (!TryGet(name, out var value))
        {
            throw Missing(name);
        }

        if (value.ValueKind != JsonValueKind.Array)
        {
            throw Wrong(name, "an array", value);
        }

        var items = new List<T>(value.GetArrayLength());
        var path = Child(name);
        foreach (var item in value.EnumerateArray())
        {
            items.Add(read(Of(item, path, items.Count)));
        }

        return items;
    }

    /// <summary>
    /// Runs a constructor or factory that validates (<c>Instrument.Create</c>, <c>RiskTierTable.Create</c>…), turning
    /// its refusal into a format error at this object's path.
    /// </summary>
    public T Valid<T>(Func<T> create)
    {
        ArgumentNullException.ThrowIfNull(create);
        try
        {
            return create();
        }
        catch (ArgumentException invalid)
        {
            throw new SnapshotFormatException($"Snapshot object '{Path}' is invalid: {invalid.Message}", invalid);
        }
    }

    public SnapshotFormatException Error(string name, string problem) => new($"Snapshot field '{Child(name)}': {problem}.");

    private SnapshotFormatException Missing(string name) => Error(name, "missing");

    private SnapshotFormatException Wrong(string name, string expected, JsonElement value) =>
        Error(name, $"must be {expected}, not {Describe(value)}");

    private static string Describe(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        _ when value.GetRawText() is { Length: > 40 } raw => raw[..40] + "…",
        _ => value.GetRawText(),
    };

    private string Child(string name) => Path.Length == 0 ? name : $"{Path}.{name}";

    private bool TryGet(string name, out JsonElement value) =>
        _element.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
}
