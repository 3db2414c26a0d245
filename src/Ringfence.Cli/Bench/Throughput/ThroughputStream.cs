using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Cli.Bench.Throughput;

/// <summary>The kinds of command in the throughput stream, in the order they are measured alone.</summary>
internal enum StreamKind
{
    /// <summary>One lot between two random traders' isolated positions at the mark: an increase for one, a reduction (or close) for the other.</summary>
    Trade,

    /// <summary>1 USDT added to a random trader's isolated position.</summary>
    AddMargin,

    /// <summary>1 USDT removed from a random position; one in three asks for 1,000,000 and is rejected (REMOVE_EXCEEDS_MAX).</summary>
    RemoveMargin,

    /// <summary>The mark alternating between 50,000 and 50,050: nothing liquidates.</summary>
    Mark,
}

/// <summary>
/// Deterministic command streams over a <see cref="LiquidationBook"/>: each command picks its traders uniformly across
/// the whole book (cold: the positions touched are rarely in cache), from a seed.
/// </summary>
internal static class ThroughputStream
{
    /// <summary>The share of each kind in the mixed stream, in percent (trade, add, remove, mark).</summary>
    public static IReadOnlyList<(StreamKind Kind, int Percent)> Mix { get; } =
    [
        (StreamKind.Trade, 40), (StreamKind.AddMargin, 15), (StreamKind.RemoveMargin, 15), (StreamKind.Mark, 30),
    ];

    /// <summary>
    /// How often the mixed stream settles funding over every position: once per this many commands for each position
    /// in the book. A settlement pays every position, so its share must shrink as the book grows for the mix to
    /// describe a venue (which settles every 8 hours: billions of commands apart at a million a second); what one
    /// settlement costs per position is measured on its own.
    /// </summary>
    public const int FundingEveryPerPosition = 100;

    private static readonly Quantity Lot = BenchMarket.Instrument.LotSize;
    private static readonly Money One = Money.FromWhole(1);
    private static readonly Money TooMuch = Money.FromWhole(1_000_000);

    /// <summary>The funding command of the stream: 0.01% paid by longs.</summary>
    public static ApplyFundingRate Funding { get; } = new(BenchMarket.Symbol, Rate.Parse("0.0001"));

    /// <summary><paramref name="count"/> commands of one kind.</summary>
    public static Command[] Of(StreamKind kind, LiquidationBook book, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(book);
        var random = new Random(seed);
        var commands = new Command[count];
        for (var i = 0; i < count; i++)
        {
            commands[i] = Next(kind, book, random, i);
        }

        return commands;
    }

    /// <summary>
    /// <paramref name="count"/> commands drawn by <see cref="Mix"/>, with <see cref="Funding"/> once in every
    /// <see cref="FundingEveryPerPosition"/> × positions commands (half-way through each such stretch).
    /// </summary>
    public static Command[] Mixed(LiquidationBook book, int count, int seed)
    {
        ArgumentNullException.ThrowIfNull(book);
        var random = new Random(seed);
        var commands = new Command[count];
        var fundingEvery = (long)FundingEveryPerPosition * book.Positions;
        for (var i = 0; i < count; i++)
        {
            if (i % fundingEvery == fundingEvery / 2)
            {
                commands[i] = Funding;
                continue;
            }

            var draw = random.Next(100);
            var kind = Mix[^1].Kind;
            foreach (var (candidate, percent) in Mix)
            {
                if (draw < percent)
                {
                    kind = candidate;
                    break;
                }

                draw -= percent;
            }

            commands[i] = Next(kind, book, random, i);
        }

        return commands;
    }

    private static Command Next(StreamKind kind, LiquidationBook book, Random random, int index)
    {
        var entries = book.Entries;
        var trader = entries[random.Next(entries.Count)].Account;
        switch (kind)
        {
            case StreamKind.Trade:
                var other = entries[random.Next(entries.Count)].Account;
                return new Trade(BenchMarket.Symbol, BenchMarket.Mark, Lot, new TradeSide(trader, MarginScope.Isolated), new TradeSide(other, MarginScope.Isolated));
            case StreamKind.AddMargin:
                return new AddMargin(trader, BenchMarket.Symbol, One);
            case StreamKind.RemoveMargin:
                return new RemoveMargin(trader, BenchMarket.Symbol, random.Next(3) == 0 ? TooMuch : One);
            default:
                return new UpdateMarkPrice(BenchMarket.Symbol, index % 2 == 0 ? BenchMarket.QuietMark : BenchMarket.Mark);
        }
    }
}
