namespace Ringfence.Core.Margin;

/// <summary>Which price a venue values the maintenance requirement at.</summary>
public enum MaintenanceValuation
{
    /// <summary>
    /// At the mark price (Binance, OKX, Hyperliquid, dYdX, Bybit UTA): the requirement moves with the price, which puts
    /// the factor 1 ÷ (1 ∓ MMR) in the liquidation price, and the tier is the one containing the notional at that price.
    /// </summary>
    AtMark,

    /// <summary>
    /// At the entry value (Bybit's classic account): the requirement is fixed when the position is opened, so the
    /// liquidation price is linear in the entry price.
    /// </summary>
    AtEntry,
}
