using BenchmarkDotNet.Attributes;
using Ringfence.Cli.Bench;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;

namespace Ringfence.Benchmarks.Engine;

/// <summary>
/// A crash: one <c>UpdateMarkPrice</c> to the mark that liquidates <see cref="Percent"/>% of a book of
/// <see cref="Positions"/> isolated positions (<see cref="LiquidationBook.CrashPrice"/>: longs whose liquidation price
/// lies in a band 0.3% wide, so each is closed by the backstop at the mark with no bankruptcy gap). Each invocation
/// runs on an engine restored from the book's snapshot in <c>IterationSetup</c> (not timed; a few seconds at 10⁶
/// positions since the restore loads in bulk); <c>IterationCleanup</c> checks that exactly the
/// positions the margin check names were liquidated, none auto-deleveraged.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(CrashBenchmarkConfig))]
public class CrashBenchmarks
{
    private LiquidationBook _book = null!;
    private UpdateMarkPrice _crash = null!;
    private MarginEngine _engine = null!;
    private ExecutionResult? _result;
    private int _expected;

    /// <summary>Isolated positions in the book.</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int Positions { get; set; }

    /// <summary>The share of the book the crash liquidates, in percent.</summary>
    [Params(1, 10)]
    public int Percent { get; set; }

    /// <summary>Builds the book and finds the crash mark.</summary>
    [GlobalSetup]
    public void Build()
    {
        _book = LiquidationBook.Build(Positions);
        var mark = _book.CrashPrice(Percent / 100.0);
        _crash = new UpdateMarkPrice(BenchMarket.Symbol, mark);
        _expected = _book.LiquidatableAt(mark);
    }

    /// <summary>Restores the book as built.</summary>
    [IterationSetup]
    public void Restore()
    {
        _result = null;
        _engine = MarginEngine.Restore(_book.Snapshot);
    }

    /// <summary>Checks what the crash liquidated.</summary>
    [IterationCleanup]
    public void Check()
    {
        var liquidated = _result?.Events.Count(e => e is PositionLiquidated) ?? 0;
        if (_result is { } result && (liquidated != _expected || result.Events.Any(e => e is AutoDeleveraged or BankruptcyGapCovered)))
        {
            throw new InvalidOperationException($"the crash liquidated {liquidated} positions, not {_expected}, or went past bankruptcy");
        }
    }

    /// <summary>The crash update.</summary>
    [Benchmark]
    public ExecutionResult Crash() => _result = _engine.Execute(_crash);
}
