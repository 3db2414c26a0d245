using System.Diagnostics;

namespace Ringfence.Cli.Bench.Throughput;

/// <summary>
/// The floor a command cannot go below on this machine: per operation, one position and one balance touched in arrays
/// at a random slot of n, the Int128 margin arithmetic of an isolated check (notional, initial margin, equity), and a
/// 64-byte event appended to a buffer. Memory latency, not the engine, sets it at large n.
/// </summary>
internal static class FloorLoop
{
    /// <summary>Nanoseconds per operation over <paramref name="operations"/> operations on <paramref name="positions"/> slots.</summary>
    public static double Measure(int positions, int operations, int seed)
    {
        var quantity = new long[positions];
        var entry = new long[positions];
        var margin = new long[positions];
        var balance = new long[positions];
        var random = new Random(seed);
        for (var i = 0; i < positions; i++)
        {
            quantity[i] = 100_000 * random.Next(1, 101);
            entry[i] = 5_000_000_000_000;
            margin[i] = 300_000_000_000;
            balance[i] = 3_000_000_000_000;
        }

        var slots = new int[operations];
        for (var i = 0; i < operations; i++)
        {
            slots[i] = random.Next(positions);
        }

        var events = new FloorEvent[4096];
        const long Scale = 100_000_000;
        const long Mark = 5_005_000_000_000;
        const long Rate = 500_000;
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < operations; i++)
        {
            var slot = slots[i];
            var q = quantity[slot];
            var notional = (long)((Int128)q * Mark / Scale);
            var initial = (long)(((Int128)notional * Rate) + Scale - 1) / Scale;
            var pnl = (long)((Int128)q * (Mark - entry[slot]) / Scale);
            var equity = margin[slot] + pnl;
            var moved = equity > initial ? 100_000_000L : 0L;
            margin[slot] += moved;
            balance[slot] -= moved;
            events[i & 4095] = new FloorEvent(slot, q, notional, initial, equity, margin[slot], balance[slot], i);
        }

        clock.Stop();
        GC.KeepAlive(events);
        return clock.Elapsed.TotalNanoseconds / operations;
    }

    /// <summary>A 64-byte event.</summary>
    private readonly record struct FloorEvent(long Slot, long Quantity, long Notional, long Initial, long Equity, long Margin, long Balance, long Sequence);
}
