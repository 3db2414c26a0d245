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
internal static class BulkItemReader
{
    /// <summary>An account: <c>id</c> and optional <c>parent</c>.</summary>
    public static bool TryAccount(ref Utf8JsonReader reader, out Account account)
    {
        account = null!;
        string? id = null, parent = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var known = reader.ValueTextEquals("id"u8) ? NextText(ref reader, ref id)
                : reader.ValueTextEquals("parent"u8) && NextText(ref reader, ref parent);
            if (!known)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject || !TryAccountId(id, out var accountId))
        {
            return false;
        }

        AccountId? parentId = null;
        if (parent is not null)
        {
            if (!TryAccountId(parent, out var parsed))
            {
                return false;
            }

            parentId = parsed;
        }

        account = new Account(accountId, parentId);
        return true;
    }

    /// <summary>A ledger balance: <c>kind</c>, <c>owner</c>, <c>asset</c> and <c>balance</c>.</summary>
    public static bool TryBalance(ref Utf8JsonReader reader, out KeyValuePair<LedgerAccount, Money> balance)
    {
        balance = default;
        string? kind = null, owner = null, asset = null;
        long? units = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var known = reader.ValueTextEquals("kind"u8) ? NextText(ref reader, ref kind)
                : reader.ValueTextEquals("owner"u8) ? NextText(ref reader, ref owner)
                : reader.ValueTextEquals("asset"u8) ? NextText(ref reader, ref asset)
                : reader.ValueTextEquals("balance"u8) && NextUnits(ref reader, ref units);
            if (!known)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject
            || kind is null || !EnumNames.TryParse<LedgerAccountKind>(kind, out var parsedKind)
            || owner is null
            || !Asset.TryCreate(asset, out var parsedAsset)
            || units is not { } amount)
        {
            return false;
        }

        balance = KeyValuePair.Create(new LedgerAccount(parsedKind, owner, parsedAsset), Money.FromUnits(amount));
        return true;
    }

    /// <summary>
    /// A position without top-up settings (a position with them, <c>topUp</c> being an object, is left to the general
    /// reader): <c>account</c>, <c>symbol</c>, <c>scope</c>, <c>side</c>, <c>quantity</c>, <c>entryPrice</c>,
    /// <c>leverage</c> and optional <c>inLiquidation</c>.
    /// </summary>
    public static bool TryPosition(ref Utf8JsonReader reader, out Position position)
    {
        position = null!;
        string? account = null, symbol = null, scope = null, side = null;
        long? quantity = null, entry = null, leverage = null;
        bool? inLiquidation = null;
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            return false;
        }

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var known = reader.ValueTextEquals("account"u8) ? NextText(ref reader, ref account)
                : reader.ValueTextEquals("symbol"u8) ? NextText(ref reader, ref symbol)
                : reader.ValueTextEquals("scope"u8) ? NextText(ref reader, ref scope)
                : reader.ValueTextEquals("side"u8) ? NextText(ref reader, ref side)
                : reader.ValueTextEquals("quantity"u8) ? NextUnits(ref reader, ref quantity)
                : reader.ValueTextEquals("entryPrice"u8) ? NextUnits(ref reader, ref entry)
                : reader.ValueTextEquals("leverage"u8) ? NextUnits(ref reader, ref leverage)
                : reader.ValueTextEquals("inLiquidation"u8) && NextFlag(ref reader, ref inLiquidation);
            if (!known)
            {
                return false;
            }
        }

        if (reader.TokenType != JsonTokenType.EndObject
            || !TryAccountId(account, out var accountId)
            || symbol is null
            || !MarginScope.TryParse(scope, out var parsedScope)
            || side is null || !EnumNames.TryParse<PositionSide>(side, out var parsedSide)
            || quantity is not { } quantityUnits || entry is not { } entryUnits || leverage is not { } leverageUnits)
        {
            return false;
        }

        position = new Position(
            new PositionKey(accountId, symbol, parsedScope),
            parsedSide,
            Quantity.FromUnits(quantityUnits),
            Price.FromUnits(entryUnits),
            Leverage.FromUnits(leverageUnits),
            AutoTopUp.Off)
        {
            InLiquidation = inLiquidation ?? false,
        };
        return true;
    }

    /// <summary>As <see cref="SnapshotElement.OptionalAccount"/>: the backstop's reserved id reads back as itself.</summary>
    private static bool TryAccountId(string? text, out AccountId id)
    {
        if (text == AccountId.Backstop.Value)
        {
            id = AccountId.Backstop;
            return true;
        }

        return AccountId.TryCreate(text, out id);
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
}
