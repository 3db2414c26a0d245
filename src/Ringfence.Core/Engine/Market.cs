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

    /// <summary>The margin mathematics of this instrument's positions.</summary>
    public IsolatedMarginModel Model { get; } = new(Profile, Instrument.Tiers, Instrument.TakerFee);

    /// <summary>The asset margin and PnL are paid in.</summary>
    public Asset SettleAsset { get; } = Asset.Create(Instrument.SettleAsset);

    /// <summary>The instrument's symbol.</summary>
    public string Symbol => Instrument.Symbol;
}
