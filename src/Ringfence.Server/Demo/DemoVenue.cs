using System.Globalization;

namespace Ringfence.Server.Demo;

/// <summary>
/// The demo venue: instruments under three venue profiles (Ringfence's own with a liquidity model, Bybit, and a
/// Binance coin-margined inverse), a market maker, traders with isolated, cross and pod positions, a sub-account, and
/// automated top-up — seeded into an empty store as ordinary scenario commands, so it is journaled like anything else.
/// The positions are opened at the path's first BTC price; the other instruments follow BTC.
/// </summary>
public static class DemoVenue
{
    /// <summary>The demo's traders (each gets a trader key).</summary>
    public static IReadOnlyList<string> Traders { get; } = ["alice", "bob", "carol", "dave", "erin"];

    /// <summary>BTC's price when the positions are opened.</summary>
    public const decimal OpeningBtc = 20_000m;

    /// <summary>ETH's price, as a fraction of BTC's.</summary>
    public const decimal EthPerBtc = 0.075m;

    /// <summary>The commands that list the instruments and open the accounts (run once, into an empty store).</summary>
    public static IReadOnlyList<string> Listing() =>
    [
        """{"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"ringfence","tickSize":"0.1","lotSize":"0.001","takerFee":"0.0005","makerFee":"0.0002","liquidationFee":"0.005","tiers":[{"cap":"10000","mmr":"0.01","maxLeverage":"50"},{"cap":"20000","mmr":"0.02","maxLeverage":"25"},{"cap":"100000","mmr":"0.04","maxLeverage":"10"},{"cap":"10000000","mmr":"0.1","maxLeverage":"5"}],"liquidity":[{"notional":"50000","impact":"0.005"},{"notional":"500000","impact":"0.02"}]}""",
        """{"type":"listInstrument","symbol":"ETHUSDT","contract":"linear","settleAsset":"USDT","profile":"bybit","tickSize":"0.01","lotSize":"0.01","takerFee":"0.00055","makerFee":"0.0002","liquidationFee":"0.005","tiers":[{"cap":"1000000","mmr":"0.01","maxLeverage":"50"},{"cap":"5000000","mmr":"0.02","maxLeverage":"25"}]}""",
        """{"type":"listInstrument","symbol":"BTCUSD","contract":"inverse","contractSize":"100","settleAsset":"BTC","profile":"binance","tickSize":"0.1","lotSize":"1","takerFee":"0.0005","makerFee":"0.0001","liquidationFee":"0.005","tiers":[{"cap":"5","mmr":"0.004","maxLeverage":"125"},{"cap":"10","mmr":"0.005","maxLeverage":"100"},{"cap":"20","mmr":"0.01","maxLeverage":"50"},{"cap":"50","mmr":"0.025","maxLeverage":"20"}]}""",
        """{"type":"createAccount","account":"mm"}""",
        """{"type":"deposit","account":"mm","asset":"USDT","amount":"50000000"}""",
        """{"type":"deposit","account":"mm","asset":"BTC","amount":"1000"}""",
        .. Traders.Select(t => $$"""{"type":"createAccount","account":"{{t}}"}"""),
        """{"type":"createAccount","account":"alice.hedge","parent":"alice"}""",
        """{"type":"createPod","account":"dave","pod":"spread"}""",
    ];

    /// <summary>
    /// The commands that fund the traders and open their positions at the current prices: run at the start and again
    /// after each pass of the price path, when <paramref name="isOpen"/> (a position id, <c>ACCOUNT~SYMBOL~SCOPE</c>)
    /// leaves out the positions that survived the last pass, so that only the liquidated ones are opened again.
    /// </summary>
    public static IReadOnlyList<string> Positions(decimal btc, int round, Func<string, bool>? isOpen = null) =>
        [.. Orders(btc, round).Where(o => o.Opens is null || isOpen?.Invoke(o.Opens) != true).Select(o => o.Command)];

    private static IReadOnlyList<(string? Opens, string Command)> Orders(decimal btc, int round)
    {
        var b = Price(btc, 1);
        var e = Price(btc * EthPerBtc, 2);
        var id = round.ToString(CultureInfo.InvariantCulture);
        return
        [
            .. Traders.Select(t => ((string?)null, $$"""{"type":"deposit","account":"{{t}}","asset":"USDT","amount":"20000","id":"demo-{{id}}-fund-{{t}}"}""")),
            (null, $$"""{"type":"deposit","account":"bob","asset":"BTC","amount":"0.5","id":"demo-{{id}}-fund-bob-btc"}"""),
            ("alice.hedge~ETHUSDT~isolated", $$"""{"type":"transfer","from":"alice","to":"alice.hedge","asset":"USDT","amount":"2000","id":"demo-{{id}}-hedge"}"""),
            // alice: isolated 10x long with automated top-up; her sub-account shorts ETH.
            ("alice~BTCUSDT~isolated", $$"""{"type":"trade","symbol":"BTCUSDT","price":"{{b}}","quantity":"0.5","buyer":{"account":"alice","scope":"isolated","leverage":"10"},"seller":{"account":"mm","scope":"cross","leverage":"5"},"id":"demo-{{id}}-t1"}"""),
            ("alice~BTCUSDT~isolated", $$"""{"type":"setAutoTopUp","account":"alice","symbol":"BTCUSDT","enabled":true,"cap":"300","id":"demo-{{id}}-topup"}"""),
            ("alice.hedge~ETHUSDT~isolated", $$"""{"type":"trade","symbol":"ETHUSDT","price":"{{e}}","quantity":"2","buyer":{"account":"mm","scope":"cross","leverage":"5"},"seller":{"account":"alice.hedge","scope":"isolated","leverage":"10"},"id":"demo-{{id}}-t2"}"""),
            // bob: isolated 50x long (liquidated early), and coin-margined BTCUSD.
            ("bob~BTCUSDT~isolated", $$"""{"type":"trade","symbol":"BTCUSDT","price":"{{b}}","quantity":"0.5","buyer":{"account":"bob","scope":"isolated","leverage":"50"},"seller":{"account":"mm","scope":"cross","leverage":"5"},"id":"demo-{{id}}-t3"}"""),
            ("bob~BTCUSD~isolated", $$"""{"type":"trade","symbol":"BTCUSD","price":"{{b}}","quantity":"100","buyer":{"account":"bob","scope":"isolated","leverage":"20"},"seller":{"account":"mm","scope":"cross","leverage":"5"},"id":"demo-{{id}}-t4"}"""),
            // carol: cross long BTC and ETH.
            ("carol~BTCUSDT~cross", $$"""{"type":"trade","symbol":"BTCUSDT","price":"{{b}}","quantity":"0.5","buyer":{"account":"carol","scope":"cross","leverage":"5"},"seller":{"account":"mm","scope":"cross","leverage":"5"},"id":"demo-{{id}}-t5"}"""),
            ("carol~ETHUSDT~cross", $$"""{"type":"trade","symbol":"ETHUSDT","price":"{{e}}","quantity":"10","buyer":{"account":"carol","scope":"cross","leverage":"5"},"seller":{"account":"mm","scope":"cross","leverage":"5"},"id":"demo-{{id}}-t6"}"""),
            // dave: a pod, long BTC against short ETH, netting inside.
            ("dave~BTCUSDT~pod:spread", $$"""{"type":"fundPod","account":"dave","pod":"spread","asset":"USDT","amount":"5000","id":"demo-{{id}}-podfund"}"""),
            ("dave~BTCUSDT~pod:spread", $$"""{"type":"trade","symbol":"BTCUSDT","price":"{{b}}","quantity":"0.5","buyer":{"account":"dave","scope":"pod:spread","leverage":"5"},"seller":{"account":"mm","scope":"cross","leverage":"5"},"id":"demo-{{id}}-t7"}"""),
            ("dave~ETHUSDT~pod:spread", $$"""{"type":"trade","symbol":"ETHUSDT","price":"{{e}}","quantity":"5","buyer":{"account":"mm","scope":"cross","leverage":"5"},"seller":{"account":"dave","scope":"pod:spread","leverage":"5"},"id":"demo-{{id}}-t8"}"""),
            // dave also holds a 10x long big enough to span three tiers: liquidated partially, down the tiers, first.
            ("dave~BTCUSDT~isolated", $$"""{"type":"trade","symbol":"BTCUSDT","price":"{{b}}","quantity":"1.5","buyer":{"account":"dave","scope":"isolated","leverage":"10"},"seller":{"account":"mm","scope":"cross","leverage":"5"},"id":"demo-{{id}}-t11"}"""),
            // Two isolated ETH longs whose liquidation prices lie inside the path's gaps: carol's 12x the fund pays for,
            // bob's 6.5x it cannot (the best-ranked shorts are deleveraged).
            ("carol~ETHUSDT~isolated", $$"""{"type":"trade","symbol":"ETHUSDT","price":"{{e}}","quantity":"5","buyer":{"account":"carol","scope":"isolated","leverage":"12"},"seller":{"account":"mm","scope":"cross","leverage":"5"},"id":"demo-{{id}}-t12"}"""),
            ("bob~ETHUSDT~isolated", $$"""{"type":"trade","symbol":"ETHUSDT","price":"{{e}}","quantity":"10","buyer":{"account":"bob","scope":"isolated","leverage":"6.5"},"seller":{"account":"mm","scope":"cross","leverage":"5"},"id":"demo-{{id}}-t13"}"""),
            // erin: isolated 25x short, first in line to be deleveraged when the fund runs short; and a big 20x long.
            ("erin~BTCUSDT~isolated", $$"""{"type":"trade","symbol":"BTCUSDT","price":"{{b}}","quantity":"1","buyer":{"account":"mm","scope":"cross","leverage":"5"},"seller":{"account":"erin","scope":"isolated","leverage":"25"},"id":"demo-{{id}}-t9"}"""),
            ("erin~ETHUSDT~isolated", $$"""{"type":"trade","symbol":"ETHUSDT","price":"{{e}}","quantity":"40","buyer":{"account":"erin","scope":"isolated","leverage":"20"},"seller":{"account":"mm","scope":"cross","leverage":"5"},"id":"demo-{{id}}-t10"}"""),
        ];
    }

    /// <summary>The mark price commands of one step of the path (BTC's price; the others follow it).</summary>
    public static IReadOnlyList<string> Marks(decimal btc, DateTimeOffset time)
    {
        var at = time.ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture);
        return
        [
            $$"""{"type":"markPrice","symbol":"BTCUSDT","price":"{{Price(btc, 1)}}","time":"{{at}}"}""",
            $$"""{"type":"markPrice","symbol":"ETHUSDT","price":"{{Price(btc * EthPerBtc, 2)}}","time":"{{at}}"}""",
            $$"""{"type":"markPrice","symbol":"BTCUSD","price":"{{Price(btc, 1)}}","time":"{{at}}"}""",
        ];
    }

    private static string Price(decimal value, int decimals) => Math.Round(value, decimals, MidpointRounding.ToZero).ToString("0.########", CultureInfo.InvariantCulture);
}
