namespace Ringfence.Cli.Bench;

/// <summary>How a benchmark book is brought into the engine.</summary>
internal enum BookBuild
{
    /// <summary>
    /// The engine state the trades would leave, written as an <see cref="Core.Engine.EngineSnapshot"/> and loaded with
    /// <see cref="Core.Engine.MarginEngine.Restore"/> (which re-solves and indexes every liquidation price): O(n log n),
    /// the only way to reach 10⁶ positions. The state hash equals the <see cref="Trades"/> build's (tested).
    /// </summary>
    Snapshot,

    /// <summary>
    /// Every account created, funded and traded through <see cref="Core.Engine.MarginEngine.Execute"/>: the reference,
    /// but each trade re-values the cross maker over every position in the engine, so building n positions is O(n²).
    /// </summary>
    Trades,
}
