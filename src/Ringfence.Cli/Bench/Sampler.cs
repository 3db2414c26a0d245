using System.Diagnostics;

namespace Ringfence.Cli.Bench;

/// <summary>
/// Wall-clock timing with <see cref="Stopwatch"/>: the median of several runs, each after a full garbage collection
/// (as BenchmarkDotNet does between iterations), so one run does not pay for another's garbage.
/// </summary>
internal static class Sampler
{
    /// <summary>
    /// How long the warm-up of a repeatable operation runs (µs), at least one call: long enough for the runtime to
    /// recompile the hot methods optimized (tiered compilation waits about 100 ms, then counts calls, and with dynamic
    /// PGO does so twice); a 50 ms warm-up left the first book's quiet update at 25–65 µs instead of about 4.
    /// </summary>
    private const double WarmUpMicros = 500_000;

    /// <summary>How long one run of a repeatable operation lasts (µs), at least one call: fast operations are batched.</summary>
    private const double RunMicros = 20_000;

    /// <summary>
    /// The median time in microseconds of one call of a repeatable <paramref name="operation"/>: warmed up, then
    /// <paramref name="runs"/> runs of a batch of calls sized from the warm-up (one call when a call takes longer than a
    /// run).
    /// </summary>
    public static double MedianMicrosPerCall(Action operation, int runs)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        var watch = Stopwatch.StartNew();
        var calls = 0;
        do
        {
            operation();
            calls++;
        }
        while (Micros(watch) < WarmUpMicros && calls < 100_000);

        var batch = (int)Math.Clamp(Math.Floor(RunMicros / (Micros(watch) / calls)), 1, 100_000);
        var samples = new double[runs];
        for (var run = 0; run < runs; run++)
        {
            Collect();
            watch.Restart();
            for (var i = 0; i < batch; i++)
            {
                operation();
            }

            samples[run] = Micros(watch) / batch;
        }

        return Median(samples);
    }

    /// <summary>
    /// The median time in microseconds of <paramref name="operation"/> over <paramref name="runs"/> runs, each after an
    /// untimed <paramref name="prepare"/> (for an operation that changes what it runs on, such as a crash: restore first);
    /// <paramref name="check"/> sees each result, untimed.
    /// </summary>
    public static double MedianMicros<TSubject, TResult>(Func<TSubject> prepare, Func<TSubject, TResult> operation, Action<TResult> check, int runs)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        var samples = new double[runs];
        for (var run = 0; run < runs; run++)
        {
            var subject = prepare();
            Collect();
            var watch = Stopwatch.StartNew();
            var result = operation(subject);
            samples[run] = Micros(watch);
            check(result);
        }

        return Median(samples);
    }

    private static double Micros(Stopwatch watch) => watch.ElapsedTicks * 1e6 / Stopwatch.Frequency;

    private static double Median(double[] samples)
    {
        Array.Sort(samples);
        var middle = samples.Length / 2;
        return samples.Length % 2 == 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
