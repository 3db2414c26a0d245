using Ringfence.Core.Engine.Events;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Storage.Snapshots.Json;

/// <summary>
/// Every <see cref="EngineEvent"/> type both ways, by hand: the event's <c>type</c> (its type name, as in the engine's
/// event JSON) and then its fields, camel-cased. Explicit rather than reflected, so that the format does not change
/// behind anyone's back; an event type missing here cannot be written (Encode fails, and the storage tests that build
/// every event type fail), so a new event is never dropped from a snapshot.
/// </summary>
internal static class EventMapping
{
    private static readonly Mapping[] Mappings =
    [
        // Accounts.
        Map<AccountCreated>(
            static (w, e) => w.Account("account", e.Account).OptionalAccount("parent", e.Parent),
            static r => new(r.Account("account"), r.OptionalAccount("parent"))),
        Map<Deposited>(
            static (w, e) => w.Account("account", e.Account).Asset("asset", e.Asset).Number("amount", e.Amount).Number("balance", e.Balance),
            static r => new(r.Account("account"), r.Asset("asset"), r.Number<Money>("amount"), r.Number<Money>("balance"))),
        Map<Withdrawn>(
            static (w, e) => w.Account("account", e.Account).Asset("asset", e.Asset).Number("amount", e.Amount).Number("balance", e.Balance),
            static r => new(r.Account("account"), r.Asset("asset"), r.Number<Money>("amount"), r.Number<Money>("balance"))),
        Map<Transferred>(
            static (w, e) => w.Account("from", e.From).Account("to", e.To).Asset("asset", e.Asset).Number("amount", e.Amount),
            static r => new(r.Account("from"), r.Account("to"), r.Asset("asset"), r.Number<Money>("amount"))),
        Map<CommandRejected>(
            static (w, e) => w.Text("code", e.Code).Text("reason", e.Reason),
            static r => new(r.Text("code"), r.Text("reason"))),

        // Liquidation.
        Map<LiquidationStarted>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Scope("scope", e.Scope).Enum("side", e.Side)
                .Number("quantity", e.Quantity).Number("mark", e.Mark).Number("equity", e.Equity).Number("maintenanceMargin", e.MaintenanceMargin),
            static r => new(r.Account("account"), r.Text("symbol"), r.Scope("scope"), r.Enum<PositionSide>("side"),
                r.Number<Quantity>("quantity"), r.Number<Price>("mark"), r.Number<Money>("equity"), r.Number<Money>("maintenanceMargin"))),
        Map<PositionLiquidated>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Scope("scope", e.Scope).Enum("side", e.Side)
                .Number("quantity", e.Quantity).Number("price", e.Price).Flag("partial", e.Partial).Number("realizedPnl", e.RealizedPnl)
                .Number("fee", e.Fee).Number("forfeited", e.Forfeited),
            static r => new(r.Account("account"), r.Text("symbol"), r.Scope("scope"), r.Enum<PositionSide>("side"),
                r.Number<Quantity>("quantity"), r.Number<Price>("price"), r.Flag("partial"), r.Number<Money>("realizedPnl"),
                r.Number<Money>("fee"), r.Number<Money>("forfeited"))),
        Map<InsuranceFundChanged>(
            static (w, e) => w.Text("symbol", e.Symbol).Asset("asset", e.Asset).Number("change", e.Change).Number("balance", e.Balance).Text("reason", e.Reason),
            static r => new(r.Text("symbol"), r.Asset("asset"), r.Number<Money>("change"), r.Number<Money>("balance"), r.Text("reason"))),
        Map<BankruptcyGapCovered>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Number("gap", e.Gap),
            static r => new(r.Account("account"), r.Text("symbol"), r.Number<Money>("gap"))),
        Map<AutoDeleveraged>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Scope("scope", e.Scope).Enum("side", e.Side)
                .Number("quantity", e.Quantity).Number("price", e.Price).Account("bankrupt", e.Bankrupt),
            static r => new(r.Account("account"), r.Text("symbol"), r.Scope("scope"), r.Enum<PositionSide>("side"),
                r.Number<Quantity>("quantity"), r.Number<Price>("price"), r.Account("bankrupt"))),
        Map<BackstopAbsorbed>(
            static (w, e) => w.Text("symbol", e.Symbol).Number("quantity", e.Quantity).Number("price", e.Price),
            static r => new(r.Text("symbol"), r.Number<Quantity>("quantity"), r.Number<Price>("price"))),
        Map<SweepCompleted>(
            static (w, e) => w.Text("symbol", e.Symbol).Integer("positions", e.Positions).Integer("liquidatable", e.Liquidatable).Integer("disagreements", e.Disagreements),
            static r => new(r.Text("symbol"), r.Int32("positions"), r.Int32("liquidatable"), r.Int32("disagreements"))),
        Map<LiquidationOrderIssued>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Scope("scope", e.Scope).Enum("side", e.Side)
                .Number("quantity", e.Quantity).OptionalNumber("limitPrice", e.LimitPrice),
            static r => new(r.Account("account"), r.Text("symbol"), r.Scope("scope"), r.Enum<PositionSide>("side"),
                r.Number<Quantity>("quantity"), r.OptionalNumber<Price>("limitPrice"))),
        Map<LiquidationCancelled>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Scope("scope", e.Scope),
            static r => new(r.Account("account"), r.Text("symbol"), r.Scope("scope"))),

        // Margin.
        Map<MarginAdded>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Number("amount", e.Amount).Number("margin", e.Margin)
                .OptionalNumber("liquidationPrice", e.LiquidationPrice),
            static r => new(r.Account("account"), r.Text("symbol"), r.Number<Money>("amount"), r.Number<Money>("margin"), r.OptionalNumber<Price>("liquidationPrice"))),
        Map<MarginRemoved>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Number("amount", e.Amount).Number("margin", e.Margin)
                .OptionalNumber("liquidationPrice", e.LiquidationPrice),
            static r => new(r.Account("account"), r.Text("symbol"), r.Number<Money>("amount"), r.Number<Money>("margin"), r.OptionalNumber<Price>("liquidationPrice"))),
        Map<LeverageChanged>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Scope("scope", e.Scope).Number("leverage", e.Leverage).Number("marginAdded", e.MarginAdded),
            static r => new(r.Account("account"), r.Text("symbol"), r.Scope("scope"), r.Number<Leverage>("leverage"), r.Number<Money>("marginAdded"))),
        Map<AutoTopUpSet>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Flag("enabled", e.Enabled).Number("cap", e.Cap),
            static r => new(r.Account("account"), r.Text("symbol"), r.Flag("enabled"), r.Number<Money>("cap"))),
        Map<MarginToppedUp>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Number("amount", e.Amount).Number("margin", e.Margin).Number("capRemaining", e.CapRemaining),
            static r => new(r.Account("account"), r.Text("symbol"), r.Number<Money>("amount"), r.Number<Money>("margin"), r.Number<Money>("capRemaining"))),

        // Markets and funding.
        Map<InstrumentListed>(
            static (w, e) => w.Text("symbol", e.Symbol).Enum("contract", e.Contract).Asset("settleAsset", e.SettleAsset).Text("profile", e.Profile),
            static r => new(r.Text("symbol"), r.Enum<ContractType>("contract"), r.Asset("settleAsset"), r.Text("profile"))),
        Map<MarkPriceUpdated>(
            static (w, e) => w.Text("symbol", e.Symbol).Number("price", e.Price),
            static r => new(r.Text("symbol"), r.Number<Price>("price"))),
        Map<IndexPriceUpdated>(
            static (w, e) => w.Text("symbol", e.Symbol).Number("index", e.Index).Integer("sources", e.Sources).Integer("dropped", e.Dropped),
            static r => new(r.Text("symbol"), r.Number<Price>("index"), r.Int32("sources"), r.Int32("dropped"))),
        Map<IndexPriceHeld>(
            static (w, e) => w.Text("symbol", e.Symbol).Text("reason", e.Reason),
            static r => new(r.Text("symbol"), r.Text("reason"))),
        Map<MarkPriceHeld>(
            static (w, e) => w.Text("symbol", e.Symbol).Number("price", e.Price).Text("outcome", e.Outcome).Text("reason", e.Reason),
            static r => new(r.Text("symbol"), r.Number<Price>("price"), r.Text("outcome"), r.Text("reason"))),
        Map<FundingSampled>(
            static (w, e) => w.Text("symbol", e.Symbol).Number("premium", e.Premium).Integer("samples", e.Samples),
            static r => new(r.Text("symbol"), r.Number<Rate>("premium"), r.Int32("samples"))),
        Map<FundingRateSettled>(
            static (w, e) => w.Text("symbol", e.Symbol).Number("averagePremium", e.AveragePremium).Number("rate", e.Rate).Flag("capped", e.Capped),
            static r => new(r.Text("symbol"), r.Number<Rate>("averagePremium"), r.Number<Rate>("rate"), r.Flag("capped"))),
        Map<FundingPaid>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Scope("scope", e.Scope).Number("rate", e.Rate).Number("amount", e.Amount),
            static r => new(r.Account("account"), r.Text("symbol"), r.Scope("scope"), r.Number<Rate>("rate"), r.Number<Money>("amount"))),
        Map<FundingShortfall>(
            static (w, e) => w.Text("symbol", e.Symbol).Number("owed", e.Owed).Number("paid", e.Paid),
            static r => new(r.Text("symbol"), r.Number<Money>("owed"), r.Number<Money>("paid"))),

        // Pods.
        Map<PodCreated>(
            static (w, e) => w.Account("account", e.Account).Text("pod", e.Pod),
            static r => new(r.Account("account"), r.Text("pod"))),
        Map<PodFunded>(
            static (w, e) => w.Account("account", e.Account).Text("pod", e.Pod).Asset("asset", e.Asset).Number("amount", e.Amount).Number("balance", e.Balance),
            static r => new(r.Account("account"), r.Text("pod"), r.Asset("asset"), r.Number<Money>("amount"), r.Number<Money>("balance"))),
        Map<PodDefunded>(
            static (w, e) => w.Account("account", e.Account).Text("pod", e.Pod).Asset("asset", e.Asset).Number("amount", e.Amount).Number("balance", e.Balance),
            static r => new(r.Account("account"), r.Text("pod"), r.Asset("asset"), r.Number<Money>("amount"), r.Number<Money>("balance"))),
        Map<PositionMovedToPod>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Text("pod", e.Pod).Number("margin", e.Margin),
            static r => new(r.Account("account"), r.Text("symbol"), r.Text("pod"), r.Number<Money>("margin"))),

        // Trades and positions.
        Map<TradeExecuted>(
            static (w, e) => w.Text("symbol", e.Symbol).Number("price", e.Price).Number("quantity", e.Quantity).Account("buyer", e.Buyer).Account("seller", e.Seller),
            static r => new(r.Text("symbol"), r.Number<Price>("price"), r.Number<Quantity>("quantity"), r.Account("buyer"), r.Account("seller"))),
        Map<PositionOpened>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Scope("scope", e.Scope).Enum("side", e.Side)
                .Number("quantity", e.Quantity).Number("entryPrice", e.EntryPrice).Number("margin", e.Margin).Number("leverage", e.Leverage),
            static r => new(r.Account("account"), r.Text("symbol"), r.Scope("scope"), r.Enum<PositionSide>("side"),
                r.Number<Quantity>("quantity"), r.Number<Price>("entryPrice"), r.Number<Money>("margin"), r.Number<Leverage>("leverage"))),
        Map<PositionChanged>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Scope("scope", e.Scope).Enum("side", e.Side)
                .Number("quantity", e.Quantity).Number("entryPrice", e.EntryPrice).Number("marginChange", e.MarginChange).Number("realizedPnl", e.RealizedPnl),
            static r => new(r.Account("account"), r.Text("symbol"), r.Scope("scope"), r.Enum<PositionSide>("side"),
                r.Number<Quantity>("quantity"), r.Number<Price>("entryPrice"), r.Number<Money>("marginChange"), r.Number<Money>("realizedPnl"))),
        Map<PositionClosed>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Scope("scope", e.Scope).Number("realizedPnl", e.RealizedPnl).Number("releasedMargin", e.ReleasedMargin),
            static r => new(r.Account("account"), r.Text("symbol"), r.Scope("scope"), r.Number<Money>("realizedPnl"), r.Number<Money>("releasedMargin"))),
        Map<FeeCharged>(
            static (w, e) => w.Account("account", e.Account).Text("symbol", e.Symbol).Scope("scope", e.Scope).Number("amount", e.Amount),
            static r => new(r.Account("account"), r.Text("symbol"), r.Scope("scope"), r.Number<Money>("amount"))),
    ];

    private static readonly Dictionary<Type, Mapping> ByType = Mappings.ToDictionary(m => m.Type);

    private static readonly Dictionary<string, Mapping> ByName = Mappings.ToDictionary(m => m.Name, StringComparer.Ordinal);

    /// <summary>The event types this mapping knows (the storage tests compare them with every event type of Core).</summary>
    public static IEnumerable<Type> Known => ByType.Keys;

    /// <summary>Writes <paramref name="event"/>'s fields after its <c>type</c>.</summary>
    /// <exception cref="NotSupportedException">An event type with no mapping here.</exception>
    public static void Write(SnapshotWriter w, EngineEvent @event)
    {
        if (!ByType.TryGetValue(@event.GetType(), out var mapping))
        {
            throw new NotSupportedException(
                $"The snapshot format has no mapping for the event type '{@event.GetType().FullName}': add one to {nameof(EventMapping)} "
                + "(src/Ringfence.Storage/Snapshots/Json/EventMapping.cs), document it in docs/storage.md and bump SnapshotCodec.FormatVersion if older snapshots would read differently.");
        }

        mapping.Write(w.Text("type", mapping.Name), @event);
    }

    public static EngineEvent Read(SnapshotElement r)
    {
        var type = r.Text("type");
        return ByName.TryGetValue(type, out var mapping) ? mapping.Read(r) : throw r.Error("type", $"unknown event type '{type}'");
    }

    private static Mapping Map<T>(Action<SnapshotWriter, T> write, Func<SnapshotElement, T> read)
        where T : EngineEvent => new(typeof(T), typeof(T).Name, (w, e) => write(w, (T)e), r => read(r));

    private sealed record Mapping(Type Type, string Name, Action<SnapshotWriter, EngineEvent> Write, Func<SnapshotElement, EngineEvent> Read);
}
