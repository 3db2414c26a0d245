namespace Ringfence.Core.Liquidation;

/// <summary>How a venue liquidates part of a position before all of it.</summary>
public enum PartialLiquidation
{
    /// <summary>No partial step: a liquidatable position is closed whole (Binance's bankruptcy takeover, dYdX isolated).</summary>
    None,

    /// <summary>
    /// Step down the risk tiers: close enough to bring the notional to the cap of the tier below, re-check, repeat;
    /// close the rest only if it is still liquidatable in tier 1 (Bybit, BitMEX, OKX; Ringfence).
    /// </summary>
    StepDownTiers,

    /// <summary>
    /// Close at once down to the first tier's cap, then close the rest only if still liquidatable (OKX's forced partial
    /// liquidation: "liquidated until it is at Tier 1").
    /// </summary>
    ToFirstTier,
}
