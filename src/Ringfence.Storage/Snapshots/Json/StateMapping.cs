using System.Buffers;
using System.Text.Json;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Storage.Snapshots.Json;

/// <summary>
/// The snapshot document: one object whose fields are <c>lastTime</c> (absent when null), the idempotency window's
/// size <c>idempotencyWindow</c>, and one array per part of
/// <see cref="EngineSnapshot"/>, in the snapshot's own order. Reading walks the document with a forward-only reader and
/// parses one array item at a time, so that decoding a million positions never holds a DOM of the whole state.
/// </summary>
internal static class StateMapping
{
    private static readonly string[] Parts = ["idempotencyWindow", "accounts", "markets", "positions", "pods", "balances", "flows", "outcomes", "insuranceFundHistory"];

    public static void Write(SnapshotWriter w, EngineSnapshot snapshot) => w
        .OptionalTime("lastTime", snapshot.LastTime)
        .Integer("idempotencyWindow", snapshot.IdempotencyWindow)
        .Array("accounts", snapshot.Accounts, static (w, a) => w.Account("id", a.Id).OptionalAccount("parent", a.Parent))
        .Array("markets", snapshot.Markets, MarketMapping.Write)
        .Array("positions", snapshot.Positions, WritePosition)
        .Array("pods", snapshot.Pods, static (w, p) => w.Account("account", p.Account).Text("name", p.Name))
        .Array("balances", snapshot.Balances, static (w, b) => w.LedgerFields(b.Key).Number("balance", b.Value))
        .Array("flows", snapshot.Flows, static (w, f) => w.Asset("asset", f.Asset).Number("deposits", f.Deposits).Number("withdrawals", f.Withdrawals))
        .Array("outcomes", snapshot.Outcomes, OutcomeMapping.Write)
        .Array("insuranceFundHistory", snapshot.InsuranceFundHistory, static (w, h) => w
            .Text("symbol", h.Key)
            .Array("entries", h.Value, static (w, e) => w.Number("change", e.Change).Number("balance", e.Balance).Text("reason", e.Reason)));

    /// <exception cref="SnapshotFormatException">A field is missing, unknown or out of range.</exception>
    /// <exception cref="JsonException">The JSON is malformed or ends early.</exception>
    public static EngineSnapshot Read(ReadOnlySequence<byte> json)
    {
        var reader = new Utf8JsonReader(json, new JsonReaderOptions { MaxDepth = 32 });
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new SnapshotFormatException("The snapshot document must be one JSON object.");
        }

        var bulk = new BulkItemReader();
        DateTimeOffset? lastTime = null;
        List<Account>? accounts = null;
        List<Market>? markets = null;
        List<Position>? positions = null;
        List<PodKey>? pods = null;
        List<KeyValuePair<LedgerAccount, Money>>? balances = null;
        List<AssetFlows>? flows = null;
        List<KeyValuePair<string, ExecutionResult>>? outcomes = null;
        long? window = null;
        List<KeyValuePair<string, IReadOnlyList<InsuranceFundEntry>>>? history = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = reader.GetString()!;
            reader.Read();
            switch (name)
            {
                case "lastTime": lastTime = ReadLastTime(ref reader); break;
                case "idempotencyWindow": window = ReadWindow(ref reader, window); break;
                case "accounts": accounts = ReadItems(ref reader, name, accounts, ReadAccount, bulk.TryAccount); break;
                case "markets": markets = ReadItems(ref reader, name, markets, MarketMapping.Read); break;
                case "positions": positions = ReadItems(ref reader, name, positions, ReadPosition, bulk.TryPosition); break;
                case "pods": pods = ReadItems(ref reader, name, pods, static r => new PodKey(r.Account("account"), r.Text("name"))); break;
                case "balances": balances = ReadItems(ref reader, name, balances, ReadBalance, bulk.TryBalance); break;
                case "flows": flows = ReadItems(ref reader, name, flows, static r => new AssetFlows(r.Asset("asset"), r.Number<Money>("deposits"), r.Number<Money>("withdrawals"))); break;
                case "outcomes": outcomes = ReadItems(ref reader, name, outcomes, OutcomeMapping.Read); break;
                case "insuranceFundHistory": history = ReadItems(ref reader, name, history, ReadFundHistory); break;
                default: throw new SnapshotFormatException($"Snapshot field '{name}' is unknown (known: lastTime, {string.Join(", ", Parts)}).");
            }
        }

        // Anything after the root object is refused by the reader itself (a JsonException).
        reader.Read();
        return new EngineSnapshot(
            accounts ?? throw Missing("accounts"),
            markets ?? throw Missing("markets"),
            positions ?? throw Missing("positions"),
            pods ?? throw Missing("pods"),
            balances ?? throw Missing("balances"),
            flows ?? throw Missing("flows"),
            outcomes ?? throw Missing("outcomes"),
            lastTime,
            history ?? throw Missing("insuranceFundHistory"),
            window ?? throw Missing("idempotencyWindow"));
    }

    /// <summary>
    /// Positions are most of a large snapshot: the top-up settings are left out when off and unused, and
    /// <c>inLiquidation</c> when false.
    /// </summary>
    private static void WritePosition(SnapshotWriter w, Position p)
    {
        w.Account("account", p.Key.Account)
            .Text("symbol", p.Key.Symbol)
            .Scope("scope", p.Key.Scope)
            .Enum("side", p.Side)
            .Number("quantity", p.Quantity)
            .Number("entryPrice", p.EntryPrice)
            .Number("leverage", p.Leverage)
            .FlagIfSet("inLiquidation", p.InLiquidation);
        if (p.TopUp != AutoTopUp.Off)
        {
            w.Object("topUp", p.TopUp, static (w, t) => w.Flag("enabled", t.Enabled).Number("cap", t.Cap).Number("used", t.Used));
        }
    }

    /// <summary>An account item, read from its document.</summary>
    internal static Account ReadAccount(SnapshotElement r) => new(r.Account("id"), r.OptionalAccount("parent"));

    /// <summary>A balance item, read from its document.</summary>
    internal static KeyValuePair<LedgerAccount, Money> ReadBalance(SnapshotElement r) => KeyValuePair.Create(r.LedgerFields(), r.Number<Money>("balance"));

    /// <summary>A position item, read from its document.</summary>
    internal static Position ReadPosition(SnapshotElement r)
    {
        var topUp = r.OptionalObject("topUp") is { } t ? new AutoTopUp(t.Flag("enabled"), t.Number<Money>("cap"), t.Number<Money>("used")) : AutoTopUp.Off;
        return new Position(
            new PositionKey(r.Account("account"), r.Text("symbol"), r.Scope("scope")),
            r.Enum<PositionSide>("side"),
            r.Number<Quantity>("quantity"),
            r.Number<Price>("entryPrice"),
            r.Number<Leverage>("leverage"),
            topUp)
        {
            InLiquidation = r.OptionalFlag("inLiquidation") ?? false,
        };
    }

    private static KeyValuePair<string, IReadOnlyList<InsuranceFundEntry>> ReadFundHistory(SnapshotElement r) => new(
        r.Text("symbol"),
        r.Array("entries", static e => new InsuranceFundEntry(e.Number<Money>("change"), e.Number<Money>("balance"), e.Text("reason"))));

    private static DateTimeOffset? ReadLastTime(ref Utf8JsonReader reader) => reader.TokenType switch
    {
        JsonTokenType.Null => null,
        JsonTokenType.String => SnapshotElement.ParseTime(reader.GetString()!, "lastTime"),
        _ => throw new SnapshotFormatException($"Snapshot field 'lastTime' must be a time, not {reader.TokenType}."),
    };

    private static long ReadWindow(ref Utf8JsonReader reader, long? already)
    {
        if (already is not null)
        {
            throw new SnapshotFormatException("Snapshot field 'idempotencyWindow' is given twice.");
        }

        return reader.TokenType == JsonTokenType.Number && reader.TryGetInt64(out var size) && size >= 1
            ? size
            : throw new SnapshotFormatException("Snapshot field 'idempotencyWindow' must be a whole number of at least 1.");
    }

    /// <summary>
    /// Reads the array at the reader, one item at a time, each parsed on its own: by <paramref name="bulk"/> straight
    /// off the reader where given and it can, else (from the item's start again) as a document by <paramref name="read"/>.
    /// </summary>
    private static List<T> ReadItems<T>(ref Utf8JsonReader reader, string name, List<T>? already, Func<SnapshotElement, T> read, BulkRead<T>? bulk = null)
    {
        if (already is not null)
        {
            throw new SnapshotFormatException($"Snapshot field '{name}' is given twice.");
        }

        if (reader.TokenType != JsonTokenType.StartArray)
        {
            throw new SnapshotFormatException($"Snapshot field '{name}' must be an array, not {reader.TokenType}.");
        }

        var items = new List<T>();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            if (bulk is not null)
            {
                // The reader is a struct: a copy reads ahead, and is kept only when the item was read whole.
                var ahead = reader;
                if (bulk(ref ahead, out var fast))
                {
                    items.Add(fast);
                    reader = ahead;
                    continue;
                }
            }

            using var item = JsonDocument.ParseValue(ref reader);
            items.Add(read(SnapshotElement.Of(item.RootElement, name, items.Count)));
        }

        return items;
    }

    /// <summary>Reads one item straight off the reader, or declines it (see <see cref="BulkItemReader"/>).</summary>
    internal delegate bool BulkRead<T>(ref Utf8JsonReader reader, out T item);

    private static SnapshotFormatException Missing(string name) => new($"Snapshot field '{name}' is missing.");
}
