using System.Diagnostics;

namespace Ringfence.Cli.Bench;

/// <summary>A median time and the number of runs it was taken from.</summary>
/// <param name="Micros">The median, microseconds.</param>
/// <param name="Runs">The runs taken: as many as asked, or fewer where the budget ran out (<see cref="Sampler"/>).</param>
internal readonly record struct Sample(double Micros, int Runs);

/// <summary>
/// Wall-clock timing with <see cref="Stopwatch"/>: the median of several runs, each after a full garbage collection
/// (as BenchmarkDotNet does between iterations), so one run does not pay for another's garbage.
/// <para>
/// A measurement may have a budget: once it has used that much time (warm-up, preparation and garbage collections
/// included), it takes no further runs — always at least one — and says how many it took. At 10⁶ positions a crash
/// run needs the book restored from its snapshot first (tens of seconds on two cores) and every full collection walks
/// gigabytes, so asking for the same number of runs at every size would make the largest row take most of an hour.
/// </para>
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
    /// run), fewer where <paramref name="budget"/> (null: none) is spent first.
    /// </summary>
    public static Sample MedianMicrosPerCall(Action operation, int runs, TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        var spent = Stopwatch.StartNew();
        var watch = Stopwatch.StartNew();
        var calls = 0;
        do
        {
            operation();
            calls++;
        }
        while (Micros(watch) < WarmUpMicros && calls < 100_000);

        var batch = (int)Math.Clamp(Math.Floor(RunMicros / (Micros(watch) / calls)), 1, 100_000);
        var samples = new List<double>(runs);
        do
        {
            Collect();
            watch.Restart();
            for (var i = 0; i < batch; i++)
            {
                operation();
            }

            samples.Add(Micros(watch) / batch);
        }
        while (samples.Count < runs && !Spent(spent, budget));

        return new Sample(Median(samples), samples.Count);
    }

    /// <summary>
    /// The median time in microseconds of <paramref name="operation"/> over <paramref name="runs"/> runs (fewer where
    /// <paramref name="budget"/>, null: none, is spent first), each after an untimed <paramref name="prepare"/> (for an
    /// operation that changes what it runs on, such as a crash: restore first); <paramref name="check"/> sees each
    /// result, untimed.
    /// </summary>
    public static Sample MedianMicros<TSubject, TResult>(
        Func<TSubject> prepare, Func<TSubject, TResult> operation, Action<TResult> check, int runs, TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(prepare);
        ArgumentNullException.ThrowIfNull(operation);
        ArgumentNullException.ThrowIfNull(check);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(runs);
        var spent = Stopwatch.StartNew();
        var samples = new List<double>(runs);
        do
        {
            samples.Add(Once(prepare, operation, check));
        }
        while (samples.Count < runs && !Spent(spent, budget));

        return new Sample(Median(samples), samples.Count);
    }

    /// <summary>
    /// One prepared run, in a method of its own so that its subject is unreachable once it returns: the next
    /// <c>prepare</c> (a restore of up to 10⁶ positions) then does not run beside the last one's engine.
    /// </summary>
    private static double Once<TSubject, TResult>(Func<TSubject> prepare, Func<TSubject, TResult> operation, Action<TResult> check)
    {
        var subject = prepare();
        Collect();
        var watch = Stopwatch.StartNew();
        var result = operation(subject);
        var micros = Micros(watch);
        check(result);
        return micros;
    }

    private static bool Spent(Stopwatch spent, TimeSpan? budget) => budget is { } limit && spent.Elapsed >= limit;

    private static double Micros(Stopwatch watch) => watch.ElapsedTicks * 1e6 / Stopwatch.Frequency;

    private static double Median(List<double> samples)
    {
        samples.Sort();
        var middle = samples.Count / 2;
        return samples.Count % 2 == 1 ? samples[middle] : (samples[middle - 1] + samples[middle]) / 2;
    }

    private static void Collect()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect();
    }
}
