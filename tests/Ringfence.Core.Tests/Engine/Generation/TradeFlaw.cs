namespace Ringfence.Core.Tests.Engine.Generation;

/// <summary>The one thing deliberately wrong with a random trade, if anything.</summary>
internal enum TradeFlaw
{
    /// <summary>Nothing: the trade may still be rejected by the state (balance, tiers, margin).</summary>
    None,

    /// <summary>A symbol that is not listed.</summary>
    UnlistedSymbol,

    /// <summary>A price half a tick off the tick.</summary>
    OffTick,

    /// <summary>A quantity half a lot off the lot size.</summary>
    OffLot,

    /// <summary>A zero quantity.</summary>
    ZeroQuantity,

    /// <summary>A notional of billions: beyond the tiers or the balances.</summary>
    HugeQuantity,

    /// <summary>The buyer is the seller.</summary>
    SelfTrade,

    /// <summary>The buyer is an account nobody created.</summary>
    UnknownBuyer,

    /// <summary>The seller asks for a leverage below 1.</summary>
    LeverageBelowOne,

    /// <summary>The buyer trades in a pod that does not exist.</summary>
    UnknownPod,
}
