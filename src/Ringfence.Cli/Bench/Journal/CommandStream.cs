using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Core.Serialization;
using Ringfence.Core.Serialization.Wire;

namespace Ringfence.Cli.Bench.Journal;

/// <summary>
/// A deterministic stream of commands for the journal benchmark and the crash test, each with a unique client id: a listed instrument, traders
/// and a market maker with deposits, then a mix of isolated opens and closes, margin moves, withdrawals (some too
/// large, so rejections are journaled too) and a mark price walking with time. Command <c>n</c> is always the same.
/// Each is built as a command and written by <see cref="CommandWriter"/>, the JSON a client sends.
/// </summary>
internal sealed class CommandStream
{
    private const int Traders = 12;
    private const string Symbol = "BTCUSDT";
    private static readonly Asset Usdt = Asset.Create("USDT");
    private static readonly AccountId Maker = AccountId.Create("mm");
    private readonly List<string> _commands = [];
    private readonly Random _random;
    private readonly DateTimeOffset _start = new(2026, 11, 21, 0, 0, 0, TimeSpan.Zero);
    private decimal _mark = 60_000m;
    private int _minute;

    public CommandStream(int seed)
    {
        _random = new Random(seed);
        Add(CommandJson.Parse("""{"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"bybit","tickSize":"0.1","lotSize":"0.001","takerFee":"0.00055","makerFee":"0.0002","liquidationFee":"0.005","tiers":[{"cap":"2000000","mmr":"0.005","maxLeverage":"100"},{"cap":"10000000","mmr":"0.01","maxLeverage":"50"}]}"""));
        Add(new CreateAccount(Maker));
        Add(new Deposit(Maker, Usdt, Money.FromWhole(100_000_000)));
        for (var t = 0; t < Traders; t++)
        {
            Add(new CreateAccount(Trader(t)));
            Add(new Deposit(Trader(t), Usdt, Money.FromWhole(50_000)));
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

    private static AccountId Trader(int index) => AccountId.Create($"t{index}");

    private void Add(Command command) => _commands.Add(CommandWriter.Write(command with { ClientId = IdOf(_commands.Count) }));

    private Command Next()
    {
        var index = _random.Next(Traders);
        var trader = Trader(index);
        return _random.Next(10) switch
        {
            0 or 1 => MarkPrice(),
            2 or 3 or 4 => Trade(trader, index),
            5 => new AddMargin(trader, Symbol, Money.FromWhole(_random.Next(1, 200))),
            6 => new RemoveMargin(trader, Symbol, Money.FromWhole(_random.Next(1, 300))),
            7 => new Deposit(trader, Usdt, Money.FromWhole(_random.Next(1, 5000))),
            8 => new Withdraw(trader, Usdt, Money.FromWhole(_random.Next(1, 80000))),
            _ => new Withdraw(trader, Usdt, Money.FromWhole(_random.Next(1, 500))),
        };
    }

    private Trade Trade(AccountId trader, int index)
    {
        // One leverage per trader: adding to a position at another leverage is rejected, and most trades should land.
        var buy = _random.Next(2) == 0;
        var quantity = Quantity.FromUnits(_random.Next(1, 200) * (FixedPoint.Scale / 1000));
        var price = Price(_mark * (1 + ((_random.Next(21) - 10) / 10_000m)));
        var side = new TradeSide(trader, MarginScope.Isolated, Leverage.FromWhole(5 + (3 * index)));
        var maker = new TradeSide(Maker, MarginScope.Cross);
        return new Trade(Symbol, price, quantity, buy ? side : maker, buy ? maker : side);
    }

    private UpdateMarkPrice MarkPrice()
    {
        _mark = Math.Max(1_000m, _mark * (1 + ((_random.Next(401) - 200) / 10_000m)));
        _minute++;
        return new UpdateMarkPrice(Symbol, Price(_mark)) { Time = _start.AddMinutes(_minute) };
    }

    private static Price Price(decimal value) => Core.Numerics.Price.FromUnits((long)(Math.Round(value, 1, MidpointRounding.ToZero) * FixedPoint.Scale));
}
