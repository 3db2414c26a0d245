using BenchmarkDotNet.Attributes;
using Ringfence.Cli.Bench;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;

namespace Ringfence.Benchmarks.Engine;

/// <summary>
/// The cost of re-evaluating cross accounts, for comparison with the isolated index: the same quiet mark update
/// (50 000 ↔ 50 050, nothing liquidated) on a book of n cross accounts, each holding one cross position against the
/// cross maker (<see cref="CrossBook"/>), against a book of n isolated positions (baseline,
/// <see cref="LiquidationBook"/>). A cross account's liquidation depends on all it holds, so the engine re-values
/// every cross account with a position in the instrument on every update.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EngineBenchmarkConfig))]
public class CrossReevaluationBenchmarks
{
    private readonly UpdateMarkPrice[] _marks =
    [
        new(BenchMarket.Symbol, BenchMarket.QuietMark),
        new(BenchMarket.Symbol, BenchMarket.Mark),
    ];

    private MarginEngine _engine = null!;
    private int _next;

    /// <summary>Accounts (positions) in the book.</summary>
    [Params(100, 1_000, 10_000)]
    public int Accounts { get; set; }

    /// <summary>Builds the isolated book.</summary>
    [GlobalSetup(Target = nameof(IsolatedUpdate))]
    public void BuildIsolated() => _engine = Quiet(LiquidationBook.Build(Accounts).Engine);

    /// <summary>Builds the cross book.</summary>
    [GlobalSetup(Target = nameof(CrossUpdate))]
    public void BuildCross() => _engine = Quiet(CrossBook.Build(Accounts).Engine);

    /// <summary>A quiet update over n isolated positions (baseline).</summary>
    [Benchmark(Baseline = true)]
    public ExecutionResult IsolatedUpdate() => _engine.Execute(_marks[_next++ & 1]);

    /// <summary>A quiet update over n cross accounts.</summary>
    [Benchmark]
    public ExecutionResult CrossUpdate() => _engine.Execute(_marks[_next++ & 1]);

    private MarginEngine Quiet(MarginEngine engine)
    {
        foreach (var mark in _marks)
        {
            var result = engine.Execute(mark);
            if (!result.Accepted || result.Events.Any(e => e is LiquidationStarted))
            {
                throw new InvalidOperationException("a quiet mark liquidated a position");
            }
        }

        return engine;
    }
}
