using System.Globalization;
using System.Text.Json;
using Ringfence.Core.Accounts;
using Ringfence.Core.Ledger;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Storage.Snapshots.Json;

/// <summary>
/// Writes the snapshot's JSON, one named field at a time, each value in the format's one form for its type: exact
/// decimals as their integer count of 10⁻⁸ units (never a double), times as round-trip ISO-8601 with their offset, identifiers as their
/// text, enums by <see cref="EnumNames"/>. An optional field whose value is null is left out. Calls chain, so that one
/// record's mapping reads as the list of its fields.
/// </summary>
internal sealed class SnapshotWriter
{
    // Utf8JsonWriter keeps what it writes in memory until flushed; flushing between array items keeps a snapshot of a
    // million positions from being held whole, uncompressed, before the compressor sees it.
    private const int FlushThreshold = 1 << 16;

    private readonly Utf8JsonWriter _json;

    public SnapshotWriter(Utf8JsonWriter json) => _json = json;

    /// <summary>The whole snapshot: one object, flushed when done.</summary>
    public void Document<T>(T value, Action<SnapshotWriter, T> fields)
    {
        _json.WriteStartObject();
        fields(this, value);
        _json.WriteEndObject();
        _json.Flush();
    }

    public SnapshotWriter Text(string name, string value)
    {
        _json.WriteString(name, value);
        return this;
    }

    public SnapshotWriter OptionalText(string name, string? value) => value is null ? this : Text(name, value);

    public SnapshotWriter Flag(string name, bool value)
    {
        _json.WriteBoolean(name, value);
        return this;
    }

    /// <summary>Writes the flag only when it is set: absent reads as false.</summary>
    public SnapshotWriter FlagIfSet(string name, bool value) => value ? Flag(name, true) : this;

    public SnapshotWriter Integer(string name, long value)
    {
        _json.WriteNumber(name, value);
        return this;
    }

    /// <summary>
    /// The value's exact count of 10⁻⁸ units as a JSON integer (19,700 is <c>1970000000000</c>): exact, and an order of
    /// magnitude faster to write and read than decimal text, which matters for a million positions.
    /// </summary>
    public SnapshotWriter Number<T>(string name, T value)
        where T : struct, IFixedPoint<T>
    {
        _json.WriteNumber(name, value.Units);
        return this;
    }

    public SnapshotWriter OptionalNumber<T>(string name, T? value)
        where T : struct, IFixedPoint<T> => value is { } present ? Number(name, present) : this;

    /// <summary>Round-trip form (<c>2026-01-01T08:00:00.0000000+02:00</c>): exact to the tick, offset kept.</summary>
    public SnapshotWriter Time(string name, DateTimeOffset value) => Text(name, value.ToString("O", CultureInfo.InvariantCulture));

    public SnapshotWriter OptionalTime(string name, DateTimeOffset? value) => value is { } present ? Time(name, present) : this;

    public SnapshotWriter Account(string name, AccountId value) => Text(name, value.Value);

    public SnapshotWriter OptionalAccount(string name, AccountId? value) => value is { } present ? Account(name, present) : this;

    public SnapshotWriter Asset(string name, Asset value) => Text(name, value.Code);

    /// <summary><c>isolated</c>, <c>cross</c> or <c>pod:NAME</c>.</summary>
    public SnapshotWriter Scope(string name, MarginScope value) => Text(name, value.ToString());

    public SnapshotWriter Enum<T>(string name, T value)
        where T : struct, Enum => Text(name, EnumNames.Of(value));

    /// <summary>A ledger account's <c>kind</c>, <c>owner</c> and <c>asset</c> as fields of the current object.</summary>
    public SnapshotWriter LedgerFields(LedgerAccount account) =>
        Enum("kind", account.Kind).Text("owner", account.Owner).Asset("asset", account.Asset);

    /// <summary>A ledger account as a nested object, or nothing for null.</summary>
    public SnapshotWriter OptionalLedger(string name, LedgerAccount? account) =>
        account is { } present ? Object(name, present, static (w, a) => w.LedgerFields(a)) : this;

    public SnapshotWriter Object<T>(string name, T value, Action<SnapshotWriter, T> fields)
    {
        _json.WriteStartObject(name);
        fields(this, value);
        _json.WriteEndObject();
        return this;
    }

    /// <summary>An array of objects, each written by <paramref name="fields"/>.</summary>
    public SnapshotWriter Array<T>(string name, IEnumerable<T> items, Action<SnapshotWriter, T> fields)
    {
        _json.WriteStartArray(name);
        foreach (var item in items)
        {
            _json.WriteStartObject();
            fields(this, item);
            _json.WriteEndObject();
            if (_json.BytesPending > FlushThreshold)
            {
                _json.Flush();
            }
        }

        _json.WriteEndArray();
        return this;
    }
}
