using Ringfence.Core.Accounts;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Events;

/// <summary>A matched trade was executed.</summary>
public sealed record TradeExecuted(string Symbol, Price Price, Quantity Quantity, AccountId Buyer, AccountId Seller) : EngineEvent;

/// <summary>A position was opened (also the new leg of a flip).</summary>
/// <param name="Account">Owner.</param>
/// <param name="Symbol">Instrument.</param>
/// <param name="Scope">Margin scope.</param>
/// <param name="Side">Long or short.</param>
/// <param name="Quantity">Size.</param>
/// <param name="EntryPrice">Entry price.</param>
/// <param name="Margin">Collateral allocated (isolated positions; zero for cross and pod positions).</param>
/// <param name="Leverage">Leverage setting.</param>
public sealed record PositionOpened(AccountId Account, string Symbol, MarginScope Scope, PositionSide Side, Quantity Quantity, Price EntryPrice, Money Margin, Leverage Leverage) : EngineEvent;

/// <summary>A position was increased or reduced.</summary>
/// <param name="Account">Owner.</param>
/// <param name="Symbol">Instrument.</param>
/// <param name="Scope">Margin scope.</param>
/// <param name="Side">Long or short.</param>
/// <param name="Quantity">New size.</param>
/// <param name="EntryPrice">New average entry price.</param>
/// <param name="MarginChange">Collateral moved into (positive) or released from (negative) an isolated position.</param>
/// <param name="RealizedPnl">PnL realized by a reduction.</param>
public sealed record PositionChanged(AccountId Account, string Symbol, MarginScope Scope, PositionSide Side, Quantity Quantity, Price EntryPrice, Money MarginChange, Money RealizedPnl) : EngineEvent;

/// <summary>A position was closed (also the old leg of a flip).</summary>
/// <param name="Account">Owner.</param>
/// <param name="Symbol">Instrument.</param>
/// <param name="Scope">Margin scope.</param>
/// <param name="RealizedPnl">PnL realized by the close.</param>
/// <param name="ReleasedMargin">Collateral returned to the free balance (isolated positions).</param>
public sealed record PositionClosed(AccountId Account, string Symbol, MarginScope Scope, Money RealizedPnl, Money ReleasedMargin) : EngineEvent;

/// <summary>A trading fee was charged (negative: a maker rebate was paid).</summary>
public sealed record FeeCharged(AccountId Account, string Symbol, MarginScope Scope, Money Amount) : EngineEvent;
