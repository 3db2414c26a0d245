using BenchmarkDotNet.Attributes;
using Ringfence.Cli.Bench;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Benchmarks.Engine;

/// <summary>
/// In-memory command throughput of <c>MarginEngine.Execute</c> on one thread, in a book of n isolated positions
/// (<see cref="LiquidationBook"/>) — the engine is single-writer, so this is what one core sustains. Reported per
/// command (1 ÷ Mean = commands per second):
/// <list type="bullet">
/// <item><see cref="Trades"/>: <see cref="Traders"/> funded accounts each open an isolated 0.01 BTC long at 10× against
/// the cross maker, then close it (2 trades each, the book returns to where it was);</item>
/// <item><see cref="MarginOperations"/>: <c>addMargin</c> then <c>removeMargin</c> of 1 USDT on <see cref="Traders"/>
/// of the book's positions;</item>
/// <item><see cref="QuietMarkUpdates"/>: mark updates between 50 000 and 50 050 that liquidate nothing.</item>
/// </list>
/// Every command must be accepted (a rejection is cheaper and would flatter the figure).
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EngineBenchmarkConfig))]
public class ThroughputBenchmarks
{
    /// <summary>Accounts trading (and positions re-margined) per invocation.</summary>
    public const int Traders = 16;

    /// <summary>Mark updates per invocation.</summary>
    public const int MarkUpdates = 8;

    private MarginEngine _engine = null!;
    private Command[] _trades = [];
    private Command[] _margins = [];
    private Command[] _marks = [];

    /// <summary>Isolated positions in the book.</summary>
    [Params(1_000, 10_000, 100_000)]
    public int Positions { get; set; }

    /// <summary>Builds the book, funds the traders and prepares the commands.</summary>
    [GlobalSetup]
    public void Build()
    {
        var book = LiquidationBook.Build(Positions);
        _engine = book.Engine;
        var symbol = BenchMarket.Symbol;
        var quantity = Quantity.Parse("0.01");
        var maker = new TradeSide(BenchMarket.Maker, MarginScope.Cross);
        var traders = Enumerable.Range(0, Traders).Select(i => AccountId.Create($"x{i:D3}")).ToList();
        foreach (var trader in traders)
        {
            Require(_engine.Execute(new CreateAccount(trader)));
            Require(_engine.Execute(new Deposit(trader, BenchMarket.Usdt, Money.FromWhole(3_000))));
        }

        _trades =
        [
            .. traders.Select(t => new Trade(symbol, BenchMarket.Mark, quantity, new TradeSide(t, MarginScope.Isolated, Leverage.FromWhole(10)), maker)),
            .. traders.Select(t => new Trade(symbol, BenchMarket.Mark, quantity, maker, new TradeSide(t, MarginScope.Isolated))),
        ];
        var one = Money.FromWhole(1);
        _margins =
        [
            .. book.Entries.Take(Traders).SelectMany(e => new Command[] { new AddMargin(e.Account, symbol, one), new RemoveMargin(e.Account, symbol, one) }),
        ];
        _marks =
        [
            .. Enumerable.Range(0, MarkUpdates).Select(i => new UpdateMarkPrice(symbol, i % 2 == 0 ? BenchMarket.QuietMark : BenchMarket.Mark)),
        ];
    }

    /// <summary>Isolated opens and closes against the cross maker, per trade.</summary>
    [Benchmark(OperationsPerInvoke = 2 * Traders)]
    public int Trades() => ExecuteAll(_trades);

    /// <summary>Adding and removing isolated margin, per operation.</summary>
    [Benchmark(OperationsPerInvoke = 2 * Traders)]
    public int MarginOperations() => ExecuteAll(_margins);

    /// <summary>Mark updates that liquidate nothing, per update.</summary>
    [Benchmark(OperationsPerInvoke = MarkUpdates)]
    public int QuietMarkUpdates() => ExecuteAll(_marks);

    private static void Require(ExecutionResult result)
    {
        if (!result.Accepted)
        {
            throw new InvalidOperationException($"rejected: {result.Rejection}");
        }
    }

    private int ExecuteAll(Command[] commands)
    {
        var events = 0;
        foreach (var command in commands)
        {
            var result = _engine.Execute(command);
            Require(result);
            events += result.Events.Count;
        }

        return events;
    }
}
