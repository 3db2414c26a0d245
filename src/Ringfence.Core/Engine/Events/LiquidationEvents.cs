using Ringfence.Core.Accounts;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Events;

/// <summary>A position (or a cross account's or pod's position) reached maintenance and enters liquidation.</summary>
public sealed record LiquidationStarted(AccountId Account, string Symbol, MarginScope Scope, PositionSide Side, Quantity Quantity, Price Mark, Money Equity, Money MaintenanceMargin) : EngineEvent;

/// <summary>
/// Part or all of a position was closed by the liquidation engine at <paramref name="Price"/>: the backstop's price
/// (mark adjusted by the liquidity model) or, when deleveraged, the bankruptcy price.
/// </summary>
/// <param name="Account">Owner.</param>
/// <param name="Symbol">Instrument.</param>
/// <param name="Scope">Margin scope.</param>
/// <param name="Side">Side of the liquidated position.</param>
/// <param name="Quantity">Quantity closed.</param>
/// <param name="Price">Execution price.</param>
/// <param name="Partial">True when part of the position remains.</param>
/// <param name="RealizedPnl">PnL realized by the close.</param>
/// <param name="Fee">Liquidation fee paid to the insurance fund (never more than the remaining collateral).</param>
/// <param name="Forfeited">Collateral beyond the fee that went to the insurance fund (isolated full liquidation).</param>
public sealed record PositionLiquidated(AccountId Account, string Symbol, MarginScope Scope, PositionSide Side, Quantity Quantity, Price Price, bool Partial, Money RealizedPnl, Money Fee, Money Forfeited) : EngineEvent;

/// <summary>An instrument's insurance fund changed.</summary>
public sealed record InsuranceFundChanged(string Symbol, Asset Asset, Money Change, Money Balance, string Reason) : EngineEvent;

/// <summary>The execution was worse than the bankruptcy price and the insurance fund paid the difference.</summary>
public sealed record BankruptcyGapCovered(AccountId Account, string Symbol, Money Gap) : EngineEvent;

/// <summary>
/// An opposite position was deleveraged against a bankrupt one at its bankruptcy price, because the insurance fund
/// could not cover the gap.
/// </summary>
public sealed record AutoDeleveraged(AccountId Account, string Symbol, MarginScope Scope, PositionSide Side, Quantity Quantity, Price Price, AccountId Bankrupt) : EngineEvent;

/// <summary>
/// What no deleveraging candidate could take (each must absorb its loss at the bankruptcy price) was taken by the
/// backstop at the bankruptcy price: outside capital absorbs it.
/// </summary>
public sealed record BackstopAbsorbed(string Symbol, Quantity Quantity, Price Price) : EngineEvent;

/// <summary>A full sweep compared the liquidation index with the exact check over every isolated position.</summary>
/// <param name="Symbol">The instrument swept.</param>
/// <param name="Positions">Isolated positions checked.</param>
/// <param name="Liquidatable">Positions the exact check found liquidatable at the mark.</param>
/// <param name="Disagreements">Liquidatable positions the index would not have offered as candidates (must be zero).</param>
public sealed record SweepCompleted(string Symbol, int Positions, int Liquidatable, int Disagreements) : EngineEvent;

/// <summary>
/// A liquidation order was sent to the external matching engine: close <paramref name="Quantity"/> of the position,
/// at <paramref name="LimitPrice"/> (its bankruptcy price) or better.
/// </summary>
public sealed record LiquidationOrderIssued(AccountId Account, string Symbol, MarginScope Scope, PositionSide Side, Quantity Quantity, Price? LimitPrice) : EngineEvent;

/// <summary>The position recovered to its initial margin before its order filled: the order is withdrawn.</summary>
public sealed record LiquidationCancelled(AccountId Account, string Symbol, MarginScope Scope) : EngineEvent;
