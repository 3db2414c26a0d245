using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Views;
using Ringfence.Core.Margin;
using Ringfence.Core.Positions;

namespace Ringfence.Server.Api.Resources;

/// <summary>Turns the engine's views into the API's resources: numbers as exact decimal strings, absent prices null.</summary>
public static class ResourceMapping
{
    /// <summary>A position's resource.</summary>
    public static PositionResource Position(PositionView view)
    {
        ArgumentNullException.ThrowIfNull(view);
        var key = new PositionKey(view.Account, view.Symbol, view.Scope);
        return new PositionResource(
            ResourceIds.Of(key),
            view.Account.Value,
            view.Symbol,
            view.Scope.ToString(),
            view.Side == PositionSide.Long ? "long" : "short",
            view.Quantity.ToString(),
            view.EntryPrice.ToString(),
            view.MarkPrice?.ToString(),
            view.Notional.ToString(),
            view.Leverage.ToString(),
            view.Margin.ToString(),
            view.Asset.ToString(),
            view.InitialMargin.ToString(),
            view.MaintenanceMargin.ToString(),
            view.MarginRatio?.ToString(),
            view.UnrealizedPnl.ToString(),
            view.LiquidationPrice?.ToString(),
            view.BankruptcyPrice?.ToString(),
            view.AdlRank,
            new AutoTopUpResource(view.TopUp.Enabled, view.TopUp.Cap.ToString(), view.TopUp.Used.ToString()),
            view.InLiquidation ? "liquidating" : "normal");
    }

    /// <summary>An instrument's resource.</summary>
    public static InstrumentResource Instrument(Market market)
    {
        ArgumentNullException.ThrowIfNull(market);
        var instrument = market.Instrument;
        var maxLeverage = instrument.Tiers.Tiers.Select(t => t.MaxLeverage).Where(l => l is not null).Select(l => l!.Value).DefaultIfEmpty().Max();
        return new InstrumentResource(
            instrument.Symbol,
            instrument.Kind switch { Core.Instruments.InstrumentKind.Perpetual => "perpetual", Core.Instruments.InstrumentKind.DatedFuture => "future", _ => instrument.Kind.ToString().ToLowerInvariant() },
            instrument.Contract.Type == Core.Instruments.ContractType.Linear ? "linear" : "inverse",
            instrument.Contract.Size.ToString(),
            instrument.BaseAsset,
            instrument.QuoteAsset,
            instrument.SettleAsset,
            market.Profile.Name,
            instrument.TickSize.ToString(),
            instrument.LotSize.ToString(),
            instrument.MakerFee.ToString(),
            instrument.TakerFee.ToString(),
            instrument.LiquidationFee.ToString(),
            maxLeverage.IsPositive ? maxLeverage.ToString() : null,
            market.Mark?.ToString(),
            market.Index?.ToString(),
            market.LastFundingRate.ToString(),
            instrument.Expiry?.ToString("O", System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>An instrument's tiers, ccxt's <c>fetchLeverageTiers</c> shape.</summary>
    public static IReadOnlyList<TierResource> Tiers(Market market)
    {
        ArgumentNullException.ThrowIfNull(market);
        return market.Model.Tiers.Tiers.Select(t => new TierResource(
            t.Number, t.Floor.ToString(), t.Cap?.ToString(), t.MaintenanceRate.ToString(), t.MaintenanceAmount.ToString(), t.MaxLeverage?.ToString())).ToList();
    }

    /// <summary>A pod's resource.</summary>
    public static PodResource Pod(PodView view, IEnumerable<PositionKey> positions)
    {
        ArgumentNullException.ThrowIfNull(view);
        return new PodResource(
            ResourceIds.Of(new Core.Pods.PodKey(view.Account, view.Name)),
            view.Account.Value,
            view.Name,
            view.Assets.Select(a => new PodAssetResource(a.Asset.ToString(), a.Collateral.ToString(), a.Equity.ToString(), a.InitialMargin.ToString(), a.MaintenanceMargin.ToString())).ToList(),
            positions.Select(ResourceIds.Of).ToList());
    }
}
