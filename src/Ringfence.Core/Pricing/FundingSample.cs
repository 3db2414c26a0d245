using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// One observation of the prices a funding premium is computed from. Each <see cref="FundingRule"/> reads the fields its
/// formula names: Binance and Bybit the impact prices against the mark, over the index; Hyperliquid and dYdX the impact
/// prices against the oracle (index); Deribit the mark against the index.
/// </summary>
/// <param name="Index">The index (spot or oracle) price. Positive.</param>
/// <param name="Mark">The mark price.</param>
/// <param name="ImpactBid">The average fill price of selling the impact notional into the book.</param>
/// <param name="ImpactAsk">The average fill price of buying the impact notional from the book.</param>
public readonly record struct FundingSample(Price Index, Price Mark, Price ImpactBid, Price ImpactAsk);
