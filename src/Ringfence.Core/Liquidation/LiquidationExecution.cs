namespace Ringfence.Core.Liquidation;

/// <summary>Who executes the liquidation of a position.</summary>
public enum LiquidationExecution
{
    /// <summary>The backstop liquidity provider takes the position at once, at the mark adjusted by the liquidity model.</summary>
    Backstop,

    /// <summary>
    /// An external matching engine: the engine issues a liquidation order (limit: the bankruptcy price) and takes
    /// <c>liquidationFill</c> commands back.
    /// </summary>
    External,
}
