using Ringfence.Core.Accounts;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine;

/// <summary>
/// A listed instrument as the engine holds it: its rules, its margin model and its current mark price. The margin
/// model and the settle asset are derived from the instrument and the profile and follow them: a copy made
/// <c>with { Profile = … }</c> or <c>with { Instrument = … }</c> derives them anew, never keeping the old ones.
/// </summary>
public sealed record Market
{
    private readonly Instrument _instrument;
    private readonly VenueProfile _profile;
    private readonly IsolatedMarginModel _model;
    private readonly Asset _settleAsset;

    /// <summary>A market for <paramref name="instrument"/> under <paramref name="profile"/>, marked at <paramref name="mark"/>.</summary>
    /// <param name="instrument">The instrument.</param>
    /// <param name="profile">The venue rule profile it is margined under.</param>
    /// <param name="mark">The current mark price; null until the first <c>markPrice</c>.</param>
    public Market(Instrument instrument, VenueProfile profile, Price? mark)
    {
        ArgumentNullException.ThrowIfNull(instrument);
        ArgumentNullException.ThrowIfNull(profile);
        _instrument = instrument;
        _profile = profile;
        (_model, _settleAsset) = Derive(instrument, profile);
        Mark = mark;
    }

    /// <summary>The instrument.</summary>
    public Instrument Instrument
    {
        get => _instrument;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _instrument = value;
            (_model, _settleAsset) = Derive(value, _profile);
        }
    }

    /// <summary>The venue rule profile it is margined under.</summary>
    public VenueProfile Profile
    {
        get => _profile;
        init
        {
            ArgumentNullException.ThrowIfNull(value);
            _profile = value;
            (_model, _settleAsset) = Derive(_instrument, value);
        }
    }

    /// <summary>The current mark price; null until the first <c>markPrice</c>.</summary>
    public Price? Mark { get; init; }

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

    /// <summary>The margin mathematics of this instrument's positions (derived from the profile and the instrument).</summary>
    public IsolatedMarginModel Model => _model;

    /// <summary>The asset margin and PnL are paid in (derived from the instrument).</summary>
    public Asset SettleAsset => _settleAsset;

    /// <summary>The instrument's symbol.</summary>
    public string Symbol => Instrument.Symbol;

    private static (IsolatedMarginModel Model, Asset SettleAsset) Derive(Instrument instrument, VenueProfile profile) =>
        (new IsolatedMarginModel(profile, instrument.Tiers, instrument.TakerFee), Asset.Create(instrument.SettleAsset));
}
