namespace Ringfence.Cli.Tests;

/// <summary>Scenarios that once broke the CLI, kept as text to feed its commands.</summary>
internal static class Regressions
{
    /// <summary>
    /// Issue 9, case 3: two cross positions under external liquidation; the last mark deleverages a position that an
    /// earlier deleveraging in the same mark had already closed (a KeyNotFoundException before the fix).
    /// </summary>
    public const string ExternalCrossLiquidation = """
        {"type":"createAccount","account":"alice"}
        {"type":"createAccount","account":"bob"}
        {"type":"createAccount","account":"carol"}
        {"type":"createAccount","account":"mm"}
        {"type":"deposit","account":"alice","asset":"USDT","amount":"20000"}
        {"type":"deposit","account":"bob","asset":"USDT","amount":"2000"}
        {"type":"deposit","account":"carol","asset":"USDT","amount":"10000"}
        {"type":"deposit","account":"mm","asset":"USDT","amount":"1000000"}
        {"type":"listInstrument","symbol":"EXTUSDT","contract":"linear","settleAsset":"USDT","profile":"ringfence","tickSize":"0.1","lotSize":"0.001","mmr":"0.01","maxLeverage":"50","liquidationExecution":"external"}
        {"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"ringfence","tickSize":"0.1","lotSize":"0.001","mmr":"0.005","maxLeverage":"100"}
        {"type":"trade","symbol":"EXTUSDT","price":"20000","quantity":"2.5","buyer":{"account":"alice","scope":"cross"},"seller":{"account":"mm","scope":"isolated","margin":"3000"}}
        {"type":"markPrice","symbol":"EXTUSDT","price":"10500"}
        {"type":"trade","symbol":"EXTUSDT","price":"10600","quantity":"0.7","buyer":{"account":"mm","scope":"cross"},"seller":{"account":"bob","scope":"cross"}}
        {"type":"trade","symbol":"BTCUSDT","price":"10000","quantity":"1.4","buyer":{"account":"bob","scope":"cross"},"seller":{"account":"carol","scope":"cross"}}
        {"type":"markPrice","symbol":"BTCUSDT","price":"5000"}
        {"type":"markPrice","symbol":"EXTUSDT","price":"10000"}
        """;
}
