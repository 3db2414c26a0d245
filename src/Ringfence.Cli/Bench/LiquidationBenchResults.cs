using Ringfence.Core.Numerics;

namespace Ringfence.Cli.Bench;

/// <summary>What <c>ringfence bench liquidation</c> measures, and how often.</summary>
/// <param name="Positions">The book sizes, one row each.</param>
/// <param name="Runs">Runs of each repeatable measurement (median taken).</param>
/// <param name="CrashRuns">Runs of each crash (median taken), each from a freshly restored snapshot.</param>
/// <param name="CrossLimit">The largest cross book measured; rows above it show none (0: no cross measurement).</param>
/// <param name="Build">How the books are built.</param>
/// <param name="Budget">
/// The time one measurement may take before it stops taking runs (at least one; see <see cref="Sampler"/>), or null:
/// always every run.
/// </param>
internal sealed record LiquidationBenchSettings(IReadOnlyList<int> Positions, int Runs, int CrashRuns, int CrossLimit, BookBuild Build, TimeSpan? Budget = null);

/// <summary>One crash update: the mark it moved to, how many positions it liquidated, and its median time.</summary>
/// <param name="Share">The share of the book it was aimed at (0.01, 0.1).</param>
/// <param name="Mark">The mark price it moved to.</param>
/// <param name="Liquidated">Positions liquidated (the same in every run).</param>
/// <param name="Millis">Median time of the update, milliseconds.</param>
/// <param name="Runs">Runs the median was taken from, each from a restored snapshot.</param>
internal sealed record CrashFigures(double Share, Price Mark, int Liquidated, double Millis, int Runs);

/// <summary>How many runs each repeatable measurement of a row took (fewer than asked where the budget ran out).</summary>
/// <param name="IndexedUpdate">Runs of the indexed update.</param>
/// <param name="FullScan">Runs of the full scan.</param>
/// <param name="IndexQuery">Runs of the index query.</param>
/// <param name="CrossReeval">Runs of the cross re-evaluation, or null where it was not measured.</param>
internal sealed record RunCounts(int IndexedUpdate, int FullScan, int IndexQuery, int? CrossReeval);

/// <summary>The figures of one book size. Times are medians.</summary>
/// <param name="Positions">Isolated positions in the book.</param>
/// <param name="BuildSeconds">Time to build the book (not a benchmark: for planning runs).</param>
/// <param name="IndexedUpdateMicros">A mark update that liquidates nothing, through the engine (the index path).</param>
/// <param name="FullScanMicros">The <c>Sweep</c> command: every isolated position checked exactly.</param>
/// <param name="IndexQueryMicros">The index query alone (<c>LiquidationIndex.Crossed</c>, nothing crossed).</param>
/// <param name="CrashOnePercent">A crash that liquidates about 1% of the positions.</param>
/// <param name="CrashTenPercent">A crash that liquidates about 10%.</param>
/// <param name="CrossAccounts">Cross accounts in the comparison book (as many as positions), or null above the limit.</param>
/// <param name="CrossReevalMicros">A mark update that re-values every cross account, or null above the limit.</param>
/// <param name="Runs">The runs each repeatable measurement took (the crashes carry their own).</param>
internal sealed record LiquidationBenchRow(
    int Positions,
    double BuildSeconds,
    double IndexedUpdateMicros,
    double FullScanMicros,
    double IndexQueryMicros,
    CrashFigures CrashOnePercent,
    CrashFigures CrashTenPercent,
    int? CrossAccounts,
    double? CrossReevalMicros,
    RunCounts Runs)
{
    /// <summary>How many times faster the indexed update is than the full scan.</summary>
    public double Ratio => FullScanMicros / IndexedUpdateMicros;
}

/// <summary>The machine the figures were taken on.</summary>
/// <param name="Processors">Logical processors.</param>
/// <param name="Runtime">The .NET runtime.</param>
/// <param name="OperatingSystem">The operating system.</param>
/// <param name="LoadBefore">1, 5 and 15-minute load averages before the run (Linux), or null.</param>
/// <param name="LoadAfter">The same after the run.</param>
internal sealed record MachineFigures(int Processors, string Runtime, string OperatingSystem, string? LoadBefore, string? LoadAfter);

/// <summary>A whole run: settings, one row per book size, the machine.</summary>
internal sealed record LiquidationBenchReport(LiquidationBenchSettings Settings, IReadOnlyList<LiquidationBenchRow> Rows, MachineFigures Machine);
