using BenchmarkDotNet.Attributes;
using Ringfence.Cli.Bench;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Benchmarks.Engine;

/// <summary>
/// In-memory cost of one command through <c>MarginEngine.Execute</c> on one thread, in a book of <see cref="Positions"/>
/// isolated positions (<see cref="LiquidationBook"/>) — the engine is single-writer, so this is what one core sustains.
/// Per command (1 ÷ Mean = commands per second), with the memory diagnoser:
/// <list type="bullet">
/// <item><see cref="Trade"/>: one lot between two of the book's isolated positions at the mark (an increase for one, a
/// reduction for the other);</item>
/// <item><see cref="MarginOperation"/>: <c>addMargin</c> or <c>removeMargin</c> of 1 USDT, in pairs on one position;</item>
/// <item><see cref="QuietMark"/>: the mark alternating between 50,000 and 50,050, which liquidates nothing.</item>
/// </list>
/// <see cref="Access"/> chooses the positions: <see cref="BookAccess.Cold"/> draws them uniformly across the whole book
/// from a seed (the realistic case: what a command touches is rarely in cache), <see cref="BookAccess.Warm"/> cycles
/// through the same 16. Each invocation runs the next <see cref="Batch"/> commands of a prepared stream of
/// <see cref="StreamLength"/>, wrapping around. The rare rejected trade (a side whose free balance cannot cover one
/// more lot) is counted like any other: <c>ringfence bench throughput</c> reports the same mix with rejections.
/// Crashes are <see cref="CrashBenchmarks"/>.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EngineBenchmarkConfig))]
public class ThroughputBenchmarks
{
    /// <summary>Commands per invocation.</summary>
    public const int Batch = 64;

    /// <summary>Commands prepared per kind; a cold stream touches this many random positions before it repeats.</summary>
    public const int StreamLength = 1 << 16;

    /// <summary>Positions a warm stream cycles through.</summary>
    public const int WarmPositions = 16;

    private MarginEngine _engine = null!;
    private Command[] _trades = [];
    private Command[] _margins = [];
    private Command[] _marks = [];
    private int _cursor;

    /// <summary>How the positions a command touches are chosen.</summary>
    public enum BookAccess
    {
        /// <summary>The same few positions again and again.</summary>
        Warm,

        /// <summary>Positions drawn uniformly across the book.</summary>
        Cold,
    }

    /// <summary>Isolated positions in the book.</summary>
    [Params(10_000, 100_000, 1_000_000)]
    public int Positions { get; set; }

    /// <summary>Warm or cold positions.</summary>
    [Params(BookAccess.Warm, BookAccess.Cold)]
    public BookAccess Access { get; set; }

    /// <summary>Builds the book and prepares the streams.</summary>
    [GlobalSetup]
    public void Build()
    {
        var book = LiquidationBook.Build(Positions);
        _engine = book.Engine;
        var random = new Random(LiquidationBook.DefaultSeed);
        var reach = Access == BookAccess.Warm ? WarmPositions : book.Entries.Count;
        Func<AccountId> pick = () => book.Entries[random.Next(reach)].Account;
        var symbol = BenchMarket.Symbol;
        var lot = BenchMarket.Instrument.LotSize;
        var one = Money.FromWhole(1);
        _trades = new Command[StreamLength];
        _margins = new Command[StreamLength];
        _marks = new Command[StreamLength];
        for (var i = 0; i < StreamLength; i++)
        {
            _trades[i] = new Trade(symbol, BenchMarket.Mark, lot, new TradeSide(pick(), MarginScope.Isolated), new TradeSide(pick(), MarginScope.Isolated));
            _marks[i] = new UpdateMarkPrice(symbol, i % 2 == 0 ? BenchMarket.QuietMark : BenchMarket.Mark);
        }

        for (var i = 0; i < StreamLength; i += 2)
        {
            var account = pick();
            _margins[i] = new AddMargin(account, symbol, one);
            _margins[i + 1] = new RemoveMargin(account, symbol, one);
        }
    }

    /// <summary>A trade between two isolated positions.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int Trade() => ExecuteNext(_trades);

    /// <summary>Adding or removing isolated margin.</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int MarginOperation() => ExecuteNext(_margins);

    /// <summary>A mark update that liquidates nothing (the same for warm and cold: it touches no position).</summary>
    [Benchmark(OperationsPerInvoke = Batch)]
    public int QuietMark() => ExecuteNext(_marks);

    private int ExecuteNext(Command[] stream)
    {
        var accepted = 0;
        for (var i = 0; i < Batch; i++)
        {
            if (_engine.Execute(stream[_cursor]).Accepted)
            {
                accepted++;
            }

            _cursor = (_cursor + 1) % StreamLength;
        }

        return accepted;
    }
}
