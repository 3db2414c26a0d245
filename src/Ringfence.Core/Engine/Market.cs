using Ringfence.Core.Accounts;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine;

/// <summary>A listed instrument as the engine holds it: its rules, its margin model and its current mark price.</summary>
/// <param name="Instrument">The instrument.</param>
/// <param name="Profile">The venue rule profile it is margined under.</param>
/// <param name="Mark">The current mark price; null until the first <c>markPrice</c>.</param>
public sealed record Market(Instrument Instrument, VenueProfile Profile, Price? Mark)
{
    /// <summary>The liquidity model the backstop executes liquidations against.</summary>
    public Liquidation.DepthCurve Liquidity { get; init; } = Liquidation.DepthCurve.None;

    /// <summary>How index quotes become the index price (staleness, outlier band, minimum sources).</summary>
    public Pricing.IndexPriceAggregator IndexRule { get; init; } = DefaultIndexRule;

    /// <summary>The latest quote of each index source, by source name.</summary>
    public IReadOnlyDictionary<string, Pricing.IndexQuote> IndexQuotes { get; init; } = new SortedDictionary<string, Pricing.IndexQuote>(StringComparer.Ordinal);

    /// <summary>The index price, once enough sources have quoted.</summary>
    public Price? Index { get; init; }

    /// <summary>The guard against a single absurd mark update; null when the instrument has none.</summary>
    public Pricing.PriceJumpGuard? Guard { get; init; }

    /// <summary>The last funding rate settled, which the funding-basis mark rule projects to the next settlement.</summary>
    public Rate LastFundingRate { get; init; }

    /// <summary>Who executes liquidations: the backstop (default) or an external matching engine.</summary>
    public Liquidation.LiquidationExecution Execution { get; init; }

    /// <summary>Premium samples recorded since the last funding settlement, oldest first.</summary>
    public IReadOnlyList<Pricing.FundingSample> FundingSamples { get; init; } = [];

    /// <summary>Index defaults: quotes up to 60 s old, outliers beyond ±5% of the median dropped, one source enough.</summary>
    public static Pricing.IndexPriceAggregator DefaultIndexRule { get; } = new(TimeSpan.FromSeconds(60), Rate.Parse("0.05"), 1);

    /// <summary>The margin mathematics of this instrument's positions.</summary>
    public IsolatedMarginModel Model { get; } = new(Profile, Instrument.Tiers, Instrument.TakerFee);

    /// <summary>The asset margin and PnL are paid in.</summary>
    public Asset SettleAsset { get; } = Asset.Create(Instrument.SettleAsset);

    /// <summary>The instrument's symbol.</summary>
    public string Symbol => Instrument.Symbol;
}
