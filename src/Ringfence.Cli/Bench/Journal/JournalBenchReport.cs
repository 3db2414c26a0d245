namespace Ringfence.Cli.Bench.Journal;

/// <summary>The figures of one <c>ringfence bench journal</c> invocation, all measured in the same process.</summary>
/// <param name="Settings">What was asked.</param>
/// <param name="InMemory">The baseline: the same commands parsed and executed on a bare engine, no journal.</param>
/// <param name="Runs">One row per backend and batch size.</param>
internal sealed record JournalBenchReport(JournalBenchSettings Settings, InMemoryRun InMemory, IReadOnlyList<JournalRun> Runs);

/// <summary>The in-memory baseline.</summary>
/// <param name="Commands">Commands executed.</param>
/// <param name="Seconds">Wall time.</param>
internal sealed record InMemoryRun(int Commands, double Seconds)
{
    /// <summary>Commands per second.</summary>
    public double PerSecond => Commands / Seconds;
}

/// <summary>One journaled run.</summary>
/// <param name="Backend"><c>sqlite</c> or <c>postgres</c>.</param>
/// <param name="Batch">Commands in flight and the host's <c>MaxBatch</c>.</param>
/// <param name="Commands">Commands acknowledged.</param>
/// <param name="Seconds">Wall time from the first submission to the last acknowledgement.</param>
/// <param name="Commits">Journal transactions the host made.</param>
/// <param name="LatencyMicros">Acknowledgement latency (queued → acknowledged) percentiles in µs: p50, p99, p99.9, max.</param>
/// <param name="RecoveryEntries">Journal entries (batches) replayed by a recovery of the written journal (no snapshot).</param>
/// <param name="RecoveryCommands">Commands those entries held.</param>
/// <param name="RecoveryEvents">Events those entries produced.</param>
/// <param name="RecoverySeconds">Wall time of that recovery, reading included.</param>
internal sealed record JournalRun(
    string Backend,
    int Batch,
    int Commands,
    double Seconds,
    long Commits,
    LatencyPercentiles LatencyMicros,
    long RecoveryEntries,
    long RecoveryCommands,
    long RecoveryEvents,
    double RecoverySeconds)
{
    /// <summary>Acknowledged commands per second.</summary>
    public double PerSecond => Commands / Seconds;

    /// <summary>Mean commands per journal transaction.</summary>
    public double MeanBatch => Commits == 0 ? 0 : (double)Commands / Commits;

    /// <summary>Recovery: journal entries (batches) replayed per second.</summary>
    public double RecoveryEntriesPerSecond => RecoveryEntries / RecoverySeconds;

    /// <summary>Recovery: commands replayed per second (an entry, a batch, holds many).</summary>
    public double RecoveryCommandsPerSecond => RecoveryCommands / RecoverySeconds;

    /// <summary>Recovery: events reproduced per second.</summary>
    public double RecoveryEventsPerSecond => RecoveryEvents / RecoverySeconds;
}

/// <summary>Latency percentiles in µs.</summary>
internal sealed record LatencyPercentiles(double P50, double P99, double P999, double Max)
{
    /// <summary>The percentiles of <paramref name="micros"/> (sorted in place), nearest-rank.</summary>
    public static LatencyPercentiles Of(double[] micros)
    {
        ArgumentNullException.ThrowIfNull(micros);
        Array.Sort(micros);
        double Rank(double p) => micros.Length == 0 ? 0 : micros[Math.Clamp((int)Math.Ceiling(p * micros.Length) - 1, 0, micros.Length - 1)];
        return new LatencyPercentiles(Rank(0.50), Rank(0.99), Rank(0.999), micros.Length == 0 ? 0 : micros[^1]);
    }
}
