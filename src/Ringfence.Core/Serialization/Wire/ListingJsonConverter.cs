using System.Text.Json;
using System.Text.Json.Serialization;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Instruments;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Serialization.Wire;

/// <summary>
/// Writes <c>listInstrument</c> in its flat scenario form (docs/scenario-format.md): the instrument's terms as fields
/// of the command, the tiers as <c>{cap, mmr, maintenanceAmount, maxLeverage}</c> (later tiers' amounts are derived,
/// so only the first tier's is written), liquidity points, the index rule in seconds. Every field the parser would
/// default is written explicitly, so the line reads the same under any later default.
/// </summary>
internal sealed class ListingJsonConverter : JsonConverter<ListInstrument>
{
    public override ListInstrument Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        throw new NotSupportedException("listInstrument is read by CommandJson, not by the writer's options.");

    public override void Write(Utf8JsonWriter writer, ListInstrument value, JsonSerializerOptions options)
    {
        var instrument = value.Instrument;
        writer.WriteStartObject();
        writer.WriteString("type", CommandWriter.TypeOf(typeof(ListInstrument)));
        writer.WriteString("symbol", instrument.Symbol);
        writer.WriteString("profile", value.Profile);
        writer.WriteString("contract", instrument.Contract.Type == ContractType.Linear ? "linear" : "inverse");
        writer.WriteString("kind", instrument.Kind == InstrumentKind.DatedFuture ? "future" : "perpetual");
        if (instrument.Expiry is { } expiry)
        {
            writer.WriteString("expiry", CommandWriter.Time(expiry));
        }

        writer.WriteString("baseAsset", instrument.BaseAsset);
        writer.WriteString("quoteAsset", instrument.QuoteAsset);
        writer.WriteString("settleAsset", instrument.SettleAsset);
        writer.WriteString("contractSize", instrument.Contract.Size.ToString());
        writer.WriteString("tickSize", instrument.TickSize.ToString());
        writer.WriteString("lotSize", instrument.LotSize.ToString());
        writer.WriteString("makerFee", instrument.MakerFee.ToString());
        writer.WriteString("takerFee", instrument.TakerFee.ToString());
        writer.WriteString("liquidationFee", instrument.LiquidationFee.ToString());
        WriteTiers(writer, instrument.Tiers);
        if (value.Liquidity is { Points.Count: > 0 } liquidity)
        {
            WriteLiquidity(writer, liquidity);
        }

        if (value.IndexRule is { } rule)
        {
            // Seconds as a decimal: ticks of 100 ns are 10 units of 10⁻⁸ s.
            writer.WriteString("indexMaxAge", Quantity.FromUnits(rule.MaximumAge.Ticks * (FixedPoint.Scale / TimeSpan.TicksPerSecond)).ToString());
            writer.WriteString("indexOutlierBand", rule.OutlierBand.ToString());
            writer.WriteString("indexMinSources", rule.MinimumSources.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }

        if (value.PriceBand is { } band)
        {
            writer.WriteString("priceBand", band.ToString());
        }

        writer.WriteString("liquidationExecution", value.Execution == LiquidationExecution.External ? "external" : "backstop");
        CommandWriter.WriteEnvelope(writer, value);
        writer.WriteEndObject();
    }

    private static void WriteTiers(Utf8JsonWriter writer, RiskTierTable table)
    {
        writer.WriteStartArray("tiers");
        foreach (var tier in table.Tiers)
        {
            writer.WriteStartObject();
            if (tier.Cap is { } cap)
            {
                writer.WriteString("cap", cap.ToString());
            }

            writer.WriteString("mmr", tier.MaintenanceRate.ToString());
            if (tier.Number == 1 && tier.MaintenanceAmount != Money.Zero)
            {
                writer.WriteString("maintenanceAmount", tier.MaintenanceAmount.ToString());
            }

            if (tier.MaxLeverage is { } maxLeverage)
            {
                writer.WriteString("maxLeverage", maxLeverage.ToString());
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
    }

    private static void WriteLiquidity(Utf8JsonWriter writer, DepthCurve liquidity)
    {
        writer.WriteStartArray("liquidity");
        foreach (var (notional, impact) in liquidity.Points)
        {
            writer.WriteStartObject();
            writer.WriteString("notional", notional.ToString());
            writer.WriteString("impact", impact.ToString());
            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("liquidityMaxImpact", liquidity.MaxImpact.ToString());
    }
}
