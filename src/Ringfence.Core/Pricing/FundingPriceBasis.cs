namespace Ringfence.Core.Pricing;

/// <summary>The price at which a venue values positions for a funding payment.</summary>
public enum FundingPriceBasis
{
    /// <summary>Notional at the mark price (Binance, Bybit, Ringfence; reference §1.6, §3.7).</summary>
    Mark,

    /// <summary>Notional at the index or oracle price (Hyperliquid, reference §6.4; dYdX; Deribit).</summary>
    Index,
}
