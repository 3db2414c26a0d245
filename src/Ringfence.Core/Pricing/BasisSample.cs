using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// One observation of the basis between the contract's own price and the index: <c>Price − Index</c>, in quote currency
/// per base unit.
/// </summary>
/// <param name="Price">The contract's price at the sample: the mid of best bid and ask, or the last trade, as the venue's rule says.</param>
/// <param name="Index">The index (or oracle) price at the same moment. Positive.</param>
public readonly record struct BasisSample(Price Price, Price Index)
{
    /// <summary>The basis, <c>Price − Index</c>; exact.</summary>
    public Price Basis => Price - Index;
}
