namespace Ringfence.Cli.Tests;

/// <summary>Command lines for scenario tests: a market with two funded accounts, and one-line commands.</summary>
internal static class ScenarioLines
{
    /// <summary>alice (10,000 USDT) and mm (1,000,000 USDT), BTCUSDT listed under bybit with a flat 0.5% tier, mark 20,000.</summary>
    public static readonly string[] Setup =
    [
        """{"type":"createAccount","account":"alice"}""",
        """{"type":"createAccount","account":"mm"}""",
        """{"type":"deposit","account":"alice","asset":"USDT","amount":"10000"}""",
        """{"type":"deposit","account":"mm","asset":"USDT","amount":"1000000"}""",
        """{"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"bybit","tickSize":"0.1","lotSize":"0.001","mmr":"0.005","maxLeverage":"100"}""",
        """{"type":"markPrice","symbol":"BTCUSDT","price":"20000"}""",
    ];

    /// <summary>alice buys 1 BTCUSDT isolated at 50× from mm (cross), with client id <paramref name="id"/> when given.</summary>
    public static string AliceBuys(string? id = null) =>
        """{"type":"trade","symbol":"BTCUSDT","price":"20000","quantity":"1","buyer":{"account":"alice","scope":"isolated","leverage":"50"},"seller":{"account":"mm","scope":"cross"}"""
        + (id is null ? "}" : $",\"id\":\"{id}\"}}");

    /// <summary>A deposit of <paramref name="amountJson"/> (a raw JSON value) into alice's USDT.</summary>
    public static string Deposit(string amountJson) => $$"""{"type":"deposit","account":"alice","asset":"USDT","amount":{{amountJson}}}""";

    /// <summary>The setup followed by <paramref name="lines"/>.</summary>
    public static string[] AfterSetup(params string[] lines) => [.. Setup, .. lines];
}
