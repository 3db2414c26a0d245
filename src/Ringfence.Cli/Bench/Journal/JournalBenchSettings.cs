namespace Ringfence.Cli.Bench.Journal;

/// <summary>What <c>ringfence bench journal</c> measures.</summary>
/// <param name="Commands">Commands per run (the same deterministic stream for every run).</param>
/// <param name="Batches">Group-commit sizes to measure: each run keeps this many commands in flight with <c>MaxBatch</c> set to it.</param>
/// <param name="Backends">Where to journal: <c>sqlite</c> (a fresh file per run in a temporary folder) and/or <c>postgres</c>.</param>
/// <param name="Postgres">The PostgreSQL connection string (each run gets a fresh schema there); null when not measuring PostgreSQL.</param>
internal sealed record JournalBenchSettings(int Commands, IReadOnlyList<int> Batches, IReadOnlyList<string> Backends, string? Postgres);
