using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Positions;

/// <summary>
/// An open position. Immutable: the engine replaces it on every change. Collateral is not stored here but in the
/// ledger (the position's margin account for isolated positions, the free balance for cross, the pod's account for pods).
/// </summary>
/// <param name="Key">Owner, instrument and scope.</param>
/// <param name="Side">Long or short.</param>
/// <param name="Quantity">Absolute size (base units for linear, contracts for inverse). Positive.</param>
/// <param name="EntryPrice">Average entry price.</param>
/// <param name="Leverage">The leverage setting: initial margin = notional ÷ leverage.</param>
/// <param name="TopUp">Automated top-up settings (isolated positions only).</param>
public sealed record Position(PositionKey Key, PositionSide Side, Quantity Quantity, Price EntryPrice, Leverage Leverage, AutoTopUp TopUp)
{
    /// <summary>
    /// True while a liquidation order for the position is outstanding with an external matching engine: the position
    /// can then only be liquidated (filled), deleveraged or topped up, not traded or drawn from.
    /// </summary>
    public bool InLiquidation { get; init; }
}
