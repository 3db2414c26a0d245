using Ringfence.Core.Accounts;
using Ringfence.Core.Instruments;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Engine.Generation;

/// <summary>
/// An instrument of a random scenario, the venue profile it is listed under, its opening mark price, and the liquidity
/// model its liquidations execute against (null: none, the backstop takes positions at the mark), and who executes its
/// liquidations (the engine against the backstop, or an external matching engine that reports fills).
/// </summary>
internal sealed record Listing(Instrument Instrument, string Profile, Price OpeningMark, DepthCurve? Liquidity = null,
    LiquidationExecution Execution = LiquidationExecution.Backstop)
{
    public string Symbol => Instrument.Symbol;

    public Asset SettleAsset => Asset.Create(Instrument.SettleAsset);

    public bool IsInverse => Instrument.Contract.Type == ContractType.Inverse;

    public override string ToString() =>
        $"{Symbol} ({Instrument.Contract.Type}, {Profile}, tick {Instrument.TickSize}, lot {Instrument.LotSize}, maker {Instrument.MakerFee}, taker {Instrument.TakerFee}, tiers "
        + string.Join(" / ", Instrument.Tiers.Tiers.Select(t => $"≤{t.Cap?.ToString() ?? "∞"} mmr {t.MaintenanceRate} max {t.MaxLeverage?.ToString() ?? "-"}x"))
        + $", opening mark {OpeningMark}, liquidity "
        + (Liquidity is null ? "none" : string.Join(" / ", Liquidity.Points.Select(p => $"{p.Notional}@{p.Impact}")) + $" max {Liquidity.MaxImpact}")
        + (Execution == LiquidationExecution.External ? ", liquidated externally" : string.Empty)
        + ")";
}
