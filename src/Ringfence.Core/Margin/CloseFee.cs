namespace Ringfence.Core.Margin;

/// <summary>How a venue reserves the cost of closing a position inside its margin requirements.</summary>
public enum CloseFee
{
    /// <summary>
    /// Nothing is reserved; the venue charges a liquidation (clearance) fee when it liquidates instead
    /// (Binance, Hyperliquid, dYdX, Bybit classic, Ringfence).
    /// </summary>
    None,

    /// <summary>
    /// The estimated fee to close, bankruptcy value × taker fee, is part of both the initial and the maintenance margin,
    /// and the bankruptcy price is the price at which equity just pays that fee (Bybit Unified Trading Account).
    /// </summary>
    BankruptcyValue,

    /// <summary>
    /// The fee rate is added to the maintenance rate and charged on the notional at the mark price: liquidation when
    /// equity ≤ notional × (MMR + fee rate) (OKX).
    /// </summary>
    MarkNotional,
}
