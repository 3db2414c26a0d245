namespace Ringfence.Cli.Bench.Throughput;

/// <summary>
/// What recovery costs for a book: its snapshot decoded, an engine restored from it and the state hash checked, each
/// timed once on this thread (the stages recovery runs before the journal tail).
/// </summary>
/// <param name="Bytes">The encoded snapshot's size.</param>
/// <param name="DecodeSeconds">Compressed bytes to the state.</param>
/// <param name="EngineSeconds"><see cref="Core.Engine.MarginEngine.Restore"/> of the decoded state: lookups and the liquidation index.</param>
/// <param name="HashSeconds">The restored engine's state hash.</param>
internal sealed record RestoreFigures(long Bytes, double DecodeSeconds, double EngineSeconds, double HashSeconds)
{
    /// <summary>Decode + restore + hash.</summary>
    public double TotalSeconds => DecodeSeconds + EngineSeconds + HashSeconds;
}
