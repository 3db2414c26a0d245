using Ringfence.Core.Engine;
using Ringfence.Core.Instruments;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pricing;

namespace Ringfence.Storage.Snapshots.Json;

/// <summary>
/// A <see cref="Market"/> both ways: its instrument (validated again by <see cref="Instrument.Create"/> on reading),
/// the venue profile by name, the mark, the liquidity model, the index rule, quotes and price, the jump guard, the last
/// funding rate, the liquidation execution and the funding samples.
/// </summary>
internal static class MarketMapping
{
    public static void Write(SnapshotWriter w, Market market)
    {
        w.Object("instrument", market.Instrument, WriteInstrument)
            .Text("profile", ProfileName(market))
            .OptionalNumber("mark", market.Mark)
            .Object("liquidity", market.Liquidity, static (w, curve) => w
                .Array("points", curve.Points, static (w, p) => w.Number("notional", p.Notional).Number("impact", p.Impact))
                .Number("maxImpact", curve.MaxImpact))
            .Object("indexRule", market.IndexRule, static (w, rule) => w
                .Integer("maximumAgeTicks", rule.MaximumAge.Ticks)
                .Number("outlierBand", rule.OutlierBand)
                .Integer("minimumSources", rule.MinimumSources))
            .Array("indexQuotes", market.IndexQuotes.Values, static (w, q) => w.Text("source", q.Source).Number("price", q.Price).Time("time", q.Time))
            .OptionalNumber("index", market.Index);
        if (market.Guard is { } guard)
        {
            w.Object("guard", guard, static (w, g) => w.Number("band", g.Band).OptionalNumber("lastAccepted", g.LastAccepted).OptionalNumber("pending", g.Pending));
        }

        w.Number("lastFundingRate", market.LastFundingRate)
            .Enum("execution", market.Execution)
            .Array("fundingSamples", market.FundingSamples, static (w, s) => w
                .Number("index", s.Index).Number("mark", s.Mark).Number("impactBid", s.ImpactBid).Number("impactAsk", s.ImpactAsk));
    }

    public static Market Read(SnapshotElement r)
    {
        var instrument = ReadInstrument(r.Object("instrument"));
        var profileName = r.Text("profile");
        if (!VenueProfiles.TryFind(profileName, out var profile) || profile.Name != profileName)
        {
            throw r.Error("profile", $"no venue profile '{profileName}' (known: {string.Join(", ", VenueProfiles.All.Select(p => p.Name))})");
        }

        var quotes = new SortedDictionary<string, IndexQuote>(StringComparer.Ordinal);
        foreach (var quote in r.Array("indexQuotes", static q => new IndexQuote(q.Text("source"), q.Number<Price>("price"), q.Time("time"))))
        {
            if (!quotes.TryAdd(quote.Source, quote))
            {
                throw r.Error("indexQuotes", $"two quotes from source '{quote.Source}'");
            }
        }

        var rule = r.Object("indexRule");
        var guard = r.OptionalObject("guard");
        var mark = r.OptionalNumber<Price>("mark");

        // The market builds its margin model from the profile and tiers, which checks them against each other.
        return r.Valid(() => new Market(instrument, profile, mark)
        {
            Liquidity = ReadLiquidity(r.Object("liquidity")),
            IndexRule = rule.Valid(() => new IndexPriceAggregator(
                TimeSpan.FromTicks(rule.Integer("maximumAgeTicks")), rule.Number<Rate>("outlierBand"), rule.Int32("minimumSources")).Validate()),
            IndexQuotes = quotes,
            Index = r.OptionalNumber<Price>("index"),
            Guard = guard is { } g
                ? g.Valid(() => new PriceJumpGuard(g.Number<Rate>("band"), g.OptionalNumber<Price>("lastAccepted"), g.OptionalNumber<Price>("pending")).Validate())
                : null,
            LastFundingRate = r.Number<Rate>("lastFundingRate"),
            Execution = r.Enum<LiquidationExecution>("execution"),
            FundingSamples = r.Array("fundingSamples", static s => new FundingSample(
                s.Number<Price>("index"), s.Number<Price>("mark"), s.Number<Price>("impactBid"), s.Number<Price>("impactAsk"))),
        });
    }

    /// <summary>
    /// Profiles are code, not data (their funding and mark rules are strategies), so the snapshot names one of the shipped
    /// <see cref="VenueProfiles"/>; the engine lists instruments only under those. Anything else cannot be written.
    /// </summary>
    private static string ProfileName(Market market) =>
        VenueProfiles.TryFind(market.Profile.Name, out var shipped) && shipped == market.Profile
            ? shipped.Name
            : throw new NotSupportedException(
                $"Market '{market.Symbol}' is margined under a venue profile '{market.Profile.Name}' that is not one of the shipped VenueProfiles; the snapshot format stores profiles by name.");

    private static void WriteInstrument(SnapshotWriter w, Instrument i) => w
        .Text("symbol", i.Symbol)
        .Enum("kind", i.Kind)
        .Text("baseAsset", i.BaseAsset)
        .Text("quoteAsset", i.QuoteAsset)
        .Text("settleAsset", i.SettleAsset)
        .Object("contract", i.Contract, static (w, c) => w.Enum("type", c.Type).Number("size", c.Size))
        .Number("tickSize", i.TickSize)
        .Number("lotSize", i.LotSize)
        .Number("makerFee", i.MakerFee)
        .Number("takerFee", i.TakerFee)
        .Number("liquidationFee", i.LiquidationFee)
        // A tier's number and floor follow from its place in the table; its maintenance amount is written all the same
        // so that RiskTierTable.Create checks it against the recursion instead of deriving it unchecked.
        .Array("tiers", i.Tiers.Tiers, static (w, t) => w
            .OptionalNumber("cap", t.Cap)
            .Number("maintenanceRate", t.MaintenanceRate)
            .Number("maintenanceAmount", t.MaintenanceAmount)
            .OptionalNumber("maxLeverage", t.MaxLeverage))
        .OptionalTime("expiry", i.Expiry);

    private static Instrument ReadInstrument(SnapshotElement r)
    {
        var contract = r.Object("contract");
        var type = contract.Enum<ContractType>("type");
        var size = contract.Number<Quantity>("size");
        var specs = r.Array("tiers", static t => new RiskTierSpec(
            t.OptionalNumber<Money>("cap"), t.Number<Rate>("maintenanceRate"), t.Number<Money>("maintenanceAmount"), t.OptionalNumber<Leverage>("maxLeverage")));
        return r.Valid(() => Instrument.Create(
            r.Text("symbol"),
            r.Enum<InstrumentKind>("kind"),
            r.Text("baseAsset"),
            r.Text("quoteAsset"),
            r.Text("settleAsset"),
            type == ContractType.Linear ? ContractSpec.Linear(size) : ContractSpec.Inverse(size),
            r.Number<Price>("tickSize"),
            r.Number<Quantity>("lotSize"),
            r.Number<Rate>("makerFee"),
            r.Number<Rate>("takerFee"),
            r.Number<Rate>("liquidationFee"),
            RiskTierTable.Create(specs),
            r.OptionalTime("expiry")));
    }

    /// <summary>An empty curve with no impact is <see cref="DepthCurve.None"/>, as the engine lists it.</summary>
    private static DepthCurve ReadLiquidity(SnapshotElement r)
    {
        var points = r.Array("points", static p => (p.Number<Money>("notional"), p.Number<Rate>("impact")));
        var maxImpact = r.Number<Rate>("maxImpact");
        return points.Count == 0 && maxImpact == Rate.Zero ? DepthCurve.None : r.Valid(() => DepthCurve.Create(points, maxImpact));
    }
}
