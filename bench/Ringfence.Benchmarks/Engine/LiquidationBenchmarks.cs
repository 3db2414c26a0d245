using BenchmarkDotNet.Attributes;
using Ringfence.Cli.Bench;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Benchmarks.Engine;

/// <summary>
/// A mark-price update that liquidates nothing, on a book of n isolated positions in one instrument
/// (<see cref="LiquidationBook"/>: opened at 50 000 against a cross market maker, liquidation prices 50–95.3% and
/// 107–150% of the mark), against the full scan of the same book. Per n:
/// <list type="bullet">
/// <item><see cref="FullScan"/> (baseline): the <c>Sweep</c> command — every isolated position checked exactly, the scan
/// the liquidation index exists to avoid;</item>
/// <item><see cref="IndexedUpdate"/>: <c>UpdateMarkPrice</c> between 50 000 and 50 050 through
/// <c>MarginEngine.Execute</c> — the index path, everything the engine does on a quiet mark update;</item>
/// <item><see cref="IndexQuery"/>: <see cref="LiquidationIndex.Crossed"/> alone on an index of the same positions — the
/// O(log n) part of the update;</item>
/// <item><see cref="BareScan"/>: <see cref="IsolatedMarginModel.IsLiquidatable"/> over an array of the same positions —
/// the least any scan costs, without the engine's lookups.</item>
/// </list>
/// The Ratio column is each method's time over the full scan's at the same n.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EngineBenchmarkConfig))]
public class LiquidationBenchmarks
{
    private readonly UpdateMarkPrice[] _marks =
    [
        new(BenchMarket.Symbol, BenchMarket.QuietMark),
        new(BenchMarket.Symbol, BenchMarket.Mark),
    ];

    private readonly Sweep _sweep = new(BenchMarket.Symbol);
    private MarginEngine _engine = null!;
    private LiquidationIndex _index = null!;
    private IsolatedPosition[] _positions = [];
    private IsolatedMarginModel _model = null!;
    private int _next;

    /// <summary>Isolated positions in the book.</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int Positions { get; set; }

    /// <summary>Builds the book in an engine and checks that a quiet update liquidates nothing and the sweep agrees.</summary>
    [GlobalSetup(Targets = new[] { nameof(FullScan), nameof(IndexedUpdate) })]
    public void BuildEngine()
    {
        _engine = LiquidationBook.Build(Positions).Engine;
        var update = _engine.Execute(_marks[0]);
        var sweep = _engine.Execute(_sweep).Events.OfType<SweepCompleted>().Single();
        if (!update.Accepted || update.Events.Any(e => e is PositionLiquidated) || sweep.Positions != Positions || sweep.Liquidatable != 0 || sweep.Disagreements != 0)
        {
            throw new InvalidOperationException($"the book of {Positions} is not quiet at the quiet marks: {sweep}");
        }
    }

    /// <summary>Builds a stand-alone index of the book's positions.</summary>
    [GlobalSetup(Target = nameof(IndexQuery))]
    public void BuildIndex() => _index = LiquidationBook.IndexOf(LiquidationBook.Plan(Positions));

    /// <summary>Lists the book's positions with their collateral.</summary>
    [GlobalSetup(Target = nameof(BareScan))]
    public void BuildPositions()
    {
        _positions = [.. LiquidationBook.IsolatedPositions(LiquidationBook.Plan(Positions))];
        _model = BenchMarket.Market.Model;
    }

    /// <summary>The <c>Sweep</c> command: every isolated position checked exactly (baseline).</summary>
    [Benchmark(Baseline = true)]
    public ExecutionResult FullScan() => _engine.Execute(_sweep);

    /// <summary>A mark update that liquidates nothing, through the engine and its liquidation index.</summary>
    [Benchmark]
    public ExecutionResult IndexedUpdate() => _engine.Execute(_marks[_next++ & 1]);

    /// <summary>The index query alone: the positions a quiet mark crosses (none).</summary>
    [Benchmark]
    public int IndexQuery() => _index.Crossed(BenchMarket.Symbol, BenchMarket.QuietMark).Count;

    /// <summary>The exact margin check over every position, from an array: the floor of any scan.</summary>
    [Benchmark]
    public int BareScan()
    {
        var model = _model;
        var mark = BenchMarket.QuietMark;
        var liquidatable = 0;
        foreach (var position in _positions)
        {
            if (model.IsLiquidatable(position, mark))
            {
                liquidatable++;
            }
        }

        return liquidatable;
    }
}
