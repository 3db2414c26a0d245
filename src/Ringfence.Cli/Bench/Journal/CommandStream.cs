using System.Globalization;

namespace Ringfence.Cli.Bench.Journal;

/// <summary>
/// A deterministic stream of commands for the journal benchmark and the crash test, each with a unique client id: a listed instrument, traders
/// and a market maker with deposits, then a mix of isolated opens and closes, margin moves, withdrawals (some too
/// large, so rejections are journaled too) and a mark price walking with time. Command <c>n</c> is always the same.
/// </summary>
internal sealed class CommandStream
{
    private const int Traders = 12;
    private readonly List<string> _commands = [];
    private readonly Random _random;
    private readonly DateTimeOffset _start = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
    private decimal _mark = 60_000m;
    private int _minute;

    public CommandStream(int seed)
    {
        _random = new Random(seed);
        Add("""{"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"bybit","tickSize":"0.1","lotSize":"0.001","takerFee":"0.00055","makerFee":"0.0002","liquidationFee":"0.005","tiers":[{"cap":"2000000","mmr":"0.005","maxLeverage":"100"},{"cap":"10000000","mmr":"0.01","maxLeverage":"50"}]}""");
        Add("""{"type":"createAccount","account":"mm"}""");
        Add("""{"type":"deposit","account":"mm","asset":"USDT","amount":"100000000"}""");
        for (var t = 0; t < Traders; t++)
        {
            Add($$"""{"type":"createAccount","account":"t{{t}}"}""");
            Add($$"""{"type":"deposit","account":"t{{t}}","asset":"USDT","amount":"50000"}""");
        }

        Add(MarkPrice());
    }

    /// <summary>Command <paramref name="index"/> (0-based), generating more as needed.</summary>
    public string this[int index]
    {
        get
        {
            while (_commands.Count <= index)
            {
                Add(Next());
            }

            return _commands[index];
        }
    }

    /// <summary>The client id of command <paramref name="index"/>.</summary>
    public static string IdOf(int index) => $"c{index}";

    private void Add(string commandWithoutId) =>
        _commands.Add(commandWithoutId[..^1] + $$""","id":"{{IdOf(_commands.Count)}}"}""");

    private string Next()
    {
        var index = _random.Next(Traders);
        var trader = $"t{index}";
        return _random.Next(10) switch
        {
            0 or 1 => MarkPrice(),
            2 or 3 or 4 => Trade(trader, index),
            5 => $$"""{"type":"addMargin","account":"{{trader}}","symbol":"BTCUSDT","amount":"{{_random.Next(1, 200)}}"}""",
            6 => $$"""{"type":"removeMargin","account":"{{trader}}","symbol":"BTCUSDT","amount":"{{_random.Next(1, 300)}}"}""",
            7 => $$"""{"type":"deposit","account":"{{trader}}","asset":"USDT","amount":"{{_random.Next(1, 5000)}}"}""",
            8 => $$"""{"type":"withdraw","account":"{{trader}}","asset":"USDT","amount":"{{_random.Next(1, 80000)}}"}""",
            _ => $$"""{"type":"withdraw","account":"{{trader}}","asset":"USDT","amount":"{{_random.Next(1, 500)}}"}""",
        };
    }

    private string Trade(string trader, int index)
    {
        // One leverage per trader: adding to a position at another leverage is rejected, and most trades should land.
        var buy = _random.Next(2) == 0;
        var quantity = (_random.Next(1, 200) / 1000m).ToString(CultureInfo.InvariantCulture);
        var leverage = (5 + (3 * index)).ToString(CultureInfo.InvariantCulture);
        var price = Price(_mark * (1 + ((_random.Next(21) - 10) / 10_000m)));
        var side = $$"""{"account":"{{trader}}","scope":"isolated","leverage":"{{leverage}}"}""";
        const string maker = """{"account":"mm","scope":"cross"}""";
        return $$"""{"type":"trade","symbol":"BTCUSDT","price":"{{price}}","quantity":"{{quantity}}","buyer":{{(buy ? side : maker)}},"seller":{{(buy ? maker : side)}}}""";
    }

    private string MarkPrice()
    {
        _mark = Math.Max(1_000m, _mark * (1 + ((_random.Next(401) - 200) / 10_000m)));
        _minute++;
        var time = _start.AddMinutes(_minute).ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture);
        return $$"""{"type":"markPrice","symbol":"BTCUSDT","price":"{{Price(_mark)}}","time":"{{time}}"}""";
    }

    private static string Price(decimal value) => Math.Round(value, 1, MidpointRounding.ToZero).ToString(CultureInfo.InvariantCulture);
}
