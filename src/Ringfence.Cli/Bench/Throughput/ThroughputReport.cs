namespace Ringfence.Cli.Bench.Throughput;

/// <summary>What <c>bench throughput</c> was asked to do.</summary>
/// <param name="Positions">The book sizes, one row each.</param>
/// <param name="Commands">Commands per stream.</param>
/// <param name="Seed">The seed of the book and of every stream.</param>
internal sealed record ThroughputSettings(IReadOnlyList<int> Positions, int Commands, int Seed);

/// <summary>One stream through the engine: how many commands, how many were rejected, time and allocation per command.</summary>
/// <param name="Kind">The stream: a <see cref="StreamKind"/> in lower camel case, or <c>mixed</c>.</param>
/// <param name="Commands">Commands executed.</param>
/// <param name="Rejected">Of those, rejected.</param>
/// <param name="Nanos">Wall-clock nanoseconds per command.</param>
/// <param name="BytesPerCommand">Bytes the engine thread allocated per command.</param>
internal sealed record StreamFigures(string Kind, int Commands, int Rejected, double Nanos, double BytesPerCommand)
{
    /// <summary>Commands per second on the one engine thread.</summary>
    public double CommandsPerSecond => Nanos > 0 ? 1e9 / Nanos : 0;
}

/// <summary>The figures for one book size.</summary>
/// <param name="Positions">Isolated positions in the book.</param>
/// <param name="BuildSeconds">Seconds to plan and restore the book.</param>
/// <param name="Streams">Each kind alone, in <see cref="StreamKind"/> order.</param>
/// <param name="Mixed">The mixed stream (<see cref="ThroughputStream.Mix"/>, funding included).</param>
/// <param name="FundingNanosPerPosition">One funding settlement over the whole book, per position paid.</param>
/// <param name="FloorNanos">The floor loop (<see cref="FloorLoop"/>) per operation, at the same book size.</param>
/// <param name="Restore">Decoding, restoring and hashing the book's snapshot.</param>
internal sealed record ThroughputRow(int Positions, double BuildSeconds, IReadOnlyList<StreamFigures> Streams, StreamFigures Mixed, double FundingNanosPerPosition, double FloorNanos, RestoreFigures Restore)
{
    /// <summary>The mixed stream's nanoseconds per command.</summary>
    public double EngineNanos => Mixed.Nanos;

    /// <summary>Engine ÷ floor: how far a command is from the cost of touching memory.</summary>
    public double Ratio => FloorNanos > 0 ? EngineNanos / FloorNanos : 0;
}

/// <summary>Everything <c>bench throughput</c> measured.</summary>
internal sealed record ThroughputReport(ThroughputSettings Settings, IReadOnlyList<ThroughputRow> Rows, MachineFigures Machine);
