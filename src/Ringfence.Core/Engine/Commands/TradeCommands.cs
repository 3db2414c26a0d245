using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Core.Serialization.Wire;

namespace Ringfence.Core.Engine.Commands;

/// <summary>
/// A matched trade from a matching engine: the buyer's and the seller's positions change by the same quantity at the
/// same price, so open interest stays zero-sum. Either side failing its pre-trade check rejects the whole trade.
/// </summary>
/// <param name="Symbol">Instrument.</param>
/// <param name="Price">Execution price.</param>
/// <param name="Quantity">Size, positive, a whole number of lots.</param>
/// <param name="Buyer">The buying side.</param>
/// <param name="Seller">The selling side.</param>
/// <param name="Aggressor">Which side took liquidity and pays the taker fee (the other pays the maker fee); null: no trading fees.</param>
[WireType("trade")]
public sealed record Trade(string Symbol, Price Price, Quantity Quantity, TradeSide Buyer, TradeSide Seller, TradeAggressor? Aggressor = null) : Command;

/// <summary>
/// One side of a trade: whose position, in which margin scope, and how an isolated side funds it — a leverage (the
/// collateral follows as initial margin) or an explicit collateral amount.
/// </summary>
public sealed record TradeSide(AccountId Account, MarginScope Scope, Leverage? Leverage = null, Money? Margin = null);

/// <summary>The side that took liquidity.</summary>
public enum TradeAggressor
{
    /// <summary>The buyer paid the taker fee.</summary>
    Buyer,

    /// <summary>The seller paid the taker fee.</summary>
    Seller,
}
