using System.Text.Json;
using Ringfence.Core.Accounts;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Storage.Snapshots.Json;

/// <summary>
/// Reads a snapshot item of one of the shapes a large snapshot is mostly made of (accounts, positions, balances)
/// straight off the forward-only reader, without building a <see cref="JsonDocument"/> for it: at a million positions
/// that document per item was most of the decoding time. Each method reads the item as
/// <see cref="StateMapping"/>'s item readers would and returns false at the first thing it does not expect (a field it
/// does not know, a field given twice, a null, a nested object, a value out of range, data that ends). The caller then
/// reads the same item again from where it started with the general reader, so every refusal, and its message, is the
/// general reader's; an item read here is exactly the item the general reader would have produced.
/// </summary>
internal sealed class BulkItemReader
{
    // The texts most items repeat — a million positions in one instrument, isolated, long or short; balances of a few
    // kinds in a few assets — are kept from the last item and reused when the next has the same, rather than
    // allocated again per item. One reader serves one snapshot.
    private string? _symbol;
    private string? _scope;
    private string? _side;
    private string? _kind;
    private string? _asset;

    /// <summary>The fields of one item shape, filled one property at a time by <see cref="TryFields{T}"/>.</summary>
    private interface IFields
    {
        /// <summary>Reads the value of the property the reader is on, if it is one of this shape's and not yet given.</summary>
        bool TryRead(ref Utf8JsonReader reader, BulkItemReader items);
    }

    /// <summary>An account: <c>id</c> and optional <c>parent</c>.</summary>
    public bool TryAccount(ref Utf8JsonReader reader, out Account account)
    {
        account = null!;
        var fields = default(AccountFields);
        if (!TryFields(ref reader, ref fields, this) || !AccountId.TryParseRecorded(fields.Id, out var id))
        {
            return false;
        }

        AccountId? parent = null;
        if (fields.Parent is not null)
        {
            if (!AccountId.TryParseRecorded(fields.Parent, out var parsed))
            {
                return false;
            }

            parent = parsed;
        }

        account = new Account(id, parent);
        return true;
    }

    /// <summary>A ledger balance: <c>kind</c>, <c>owner</c>, <c>asset</c> and <c>balance</c>.</summary>
    public bool TryBalance(ref Utf8JsonReader reader, out KeyValuePair<LedgerAccount, Money> balance)
    {
        balance = default;
        var fields = default(BalanceFields);
        if (!TryFields(ref reader, ref fields, this)
            || fields.Kind is null || !EnumNames.TryParse<LedgerAccountKind>(fields.Kind, out var kind)
            || fields.Owner is null
            || !Asset.TryCreate(fields.Asset, out var asset)
            || fields.Units is not { } units)
        {
            return false;
        }

        balance = KeyValuePair.Create(new LedgerAccount(kind, fields.Owner, asset), Money.FromUnits(units));
        return true;
    }

    /// <summary>
    /// A position without top-up settings (a position with them, <c>topUp</c> being an object, is left to the general
    /// reader): <c>account</c>, <c>symbol</c>, <c>scope</c>, <c>side</c>, <c>quantity</c>, <c>entryPrice</c>,
    /// <c>leverage</c> and optional <c>inLiquidation</c>.
    /// </summary>
    public bool TryPosition(ref Utf8JsonReader reader, out Position position)
    {
        position = null!;
        var f = default(PositionFields);
        if (!TryFields(ref reader, ref f, this)
            || !AccountId.TryParseRecorded(f.Account, out var account)
            || f.Symbol is null
            || !MarginScope.TryParse(f.Scope, out var scope)
            || f.Side is null || !EnumNames.TryParse<PositionSide>(f.Side, out var side)
            || f.Quantity is not { } quantity || f.Entry is not { } entry || f.Leverage is not { } leverage)
        {
            return false;
        }

        position = new Position(
            new PositionKey(account, f.Symbol, scope),
            side,
            Quantity.FromUnits(quantity),
            Price.FromUnits(entry),
            Leverage.FromUnits(leverage),
            AutoTopUp.Off)
        {
            InLiquidation = f.InLiquidation ?? false,
        };
        return true;
    }

    /// <summary>Walks the object at the reader, every property into <paramref name="fields"/>; false at anything else.</summary>
    private static bool TryFields<T>(ref Utf8JsonReader reader, ref T fields, BulkItemReader items)
        where T : struct, IFields
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (!fields.TryRead(ref reader, items))
            {
                return false;
            }
        }

        return reader.TokenType == JsonTokenType.EndObject;
    }

    /// <summary>The string after a property name, into a slot not yet filled.</summary>
    private static bool NextText(ref Utf8JsonReader reader, ref string? slot)
    {
        if (slot is not null || !reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        slot = reader.GetString();
        return true;
    }

    /// <summary>As <see cref="NextText"/>, reusing <paramref name="last"/> when the text is the same, else remembering it.</summary>
    private static bool NextShared(ref Utf8JsonReader reader, ref string? slot, ref string? last)
    {
        if (slot is not null || !reader.Read() || reader.TokenType != JsonTokenType.String)
        {
            return false;
        }

        slot = last is not null && reader.ValueTextEquals(last) ? last : last = reader.GetString();
        return true;
    }

    /// <summary>A whole number of 10⁻⁸ units after a property name, as <see cref="SnapshotElement.OptionalNumber{T}"/> accepts it.</summary>
    private static bool NextUnits(ref Utf8JsonReader reader, ref long? slot)
    {
        if (slot is not null || !reader.Read() || reader.TokenType != JsonTokenType.Number
            || !reader.TryGetInt64(out var units) || units == long.MinValue)
        {
            return false;
        }

        slot = units;
        return true;
    }

    private static bool NextFlag(ref Utf8JsonReader reader, ref bool? slot)
    {
        if (slot is not null || !reader.Read() || reader.TokenType is not (JsonTokenType.True or JsonTokenType.False))
        {
            return false;
        }

        slot = reader.TokenType == JsonTokenType.True;
        return true;
    }

    private struct AccountFields : IFields
    {
        public string? Id;
        public string? Parent;

        public bool TryRead(ref Utf8JsonReader reader, BulkItemReader items) =>
            reader.ValueTextEquals("id"u8) ? NextText(ref reader, ref Id)
            : reader.ValueTextEquals("parent"u8) && NextText(ref reader, ref Parent);
    }

    private struct BalanceFields : IFields
    {
        public string? Kind;
        public string? Owner;
        public string? Asset;
        public long? Units;

        public bool TryRead(ref Utf8JsonReader reader, BulkItemReader items) =>
            reader.ValueTextEquals("kind"u8) ? NextShared(ref reader, ref Kind, ref items._kind)
            : reader.ValueTextEquals("owner"u8) ? NextText(ref reader, ref Owner)
            : reader.ValueTextEquals("asset"u8) ? NextShared(ref reader, ref Asset, ref items._asset)
            : reader.ValueTextEquals("balance"u8) && NextUnits(ref reader, ref Units);
    }

    private struct PositionFields : IFields
    {
        public string? Account;
        public string? Symbol;
        public string? Scope;
        public string? Side;
        public long? Quantity;
        public long? Entry;
        public long? Leverage;
        public bool? InLiquidation;

        public bool TryRead(ref Utf8JsonReader reader, BulkItemReader items) =>
            reader.ValueTextEquals("account"u8) ? NextText(ref reader, ref Account)
            : reader.ValueTextEquals("symbol"u8) ? NextShared(ref reader, ref Symbol, ref items._symbol)
            : reader.ValueTextEquals("scope"u8) ? NextShared(ref reader, ref Scope, ref items._scope)
            : reader.ValueTextEquals("side"u8) ? NextShared(ref reader, ref Side, ref items._side)
            : reader.ValueTextEquals("quantity"u8) ? NextUnits(ref reader, ref Quantity)
            : reader.ValueTextEquals("entryPrice"u8) ? NextUnits(ref reader, ref Entry)
            : reader.ValueTextEquals("leverage"u8) ? NextUnits(ref reader, ref Leverage)
            : reader.ValueTextEquals("inLiquidation"u8) && NextFlag(ref reader, ref InLiquidation);
    }
}
