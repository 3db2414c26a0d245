using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using Perfolizer.Horology;

namespace Ringfence.Benchmarks.Engine;

/// <summary>
/// The job of the engine benchmarks, sized for a 2-core machine and books of up to 10⁶ positions (one operation can
/// take a second): one launch, one warm-up and five measured iterations of about 250 ms (half BenchmarkDotNet's
/// default), invocations per iteration chosen by the pilot. The whole engine set stays near ten minutes.
/// </summary>
public sealed class EngineBenchmarkConfig : ManualConfig
{
    /// <summary>Creates the configuration.</summary>
    public EngineBenchmarkConfig() =>
        AddJob(Job.Default
            .WithLaunchCount(1)
            .WithWarmupCount(1)
            .WithIterationCount(5)
            .WithIterationTime(TimeInterval.FromMilliseconds(250))
            .WithId("Engine"));
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
