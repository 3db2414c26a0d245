using BenchmarkDotNet.Columns;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;

namespace Ringfence.Benchmarks.Engine;

/// <summary>
/// The job of the engine benchmarks, sized for a 2-core machine and books of up to 10⁶ positions (one operation can
/// take a second): one launch, one warm-up and five measured iterations, invocations per iteration chosen by the pilot
/// (BenchmarkDotNet's default 500 ms iteration time). Ratios to the baseline are shown as a trend ("218,000.00x
/// faster"): the index is five orders of magnitude faster than the full scan, which the default style prints as 0.000.
/// </summary>
public sealed class EngineBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public EngineBenchmarkConfig()
    {
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithId("Engine"));
        SummaryStyle = SummaryStyle.Default.WithRatioStyle(RatioStyle.Trend);
    }
}

/// <summary>
/// The job of the crash benchmarks: every invocation starts from an engine restored from the book's snapshot in
/// <c>IterationSetup</c> (untimed), so one invocation per iteration; one launch, one warm-up, five measured iterations.
/// </summary>
public sealed class CrashBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public CrashBenchmarkConfig() =>
        AddJob(Job.Default.WithLaunchCount(1).WithWarmupCount(1).WithIterationCount(5).WithInvocationCount(1).WithUnrollFactor(1).WithId("Crash"));
}
