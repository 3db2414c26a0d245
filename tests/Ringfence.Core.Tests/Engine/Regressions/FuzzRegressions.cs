using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Serialization;

namespace Ringfence.Core.Tests.Engine.Regressions;

/// <summary>
/// Scenarios that hostile testing or the fuzz suite once broke, minimised, each run through the engine from its JSON
/// lines: none may fault (<see cref="RejectionCodes.InternalError"/>), and money is conserved after every command.
/// </summary>
public sealed class FuzzRegressions
{
    /// <summary>
    /// Two cross positions under external liquidation (issue 9, case 3): bob's cross account is short, its EXTUSDT
    /// position gets a liquidation order; the next EXTUSDT mark finds it bankrupt beyond the fund and deleverages it,
    /// which used to look the position up again after it was gone (KeyNotFoundException 'bob/EXTUSDT/cross').
    /// </summary>
    [Fact]
    public void External_liquidation_of_a_cross_position_that_is_deleveraged_does_not_fault()
    {
        var results = Run(
            """{"type":"createAccount","account":"alice"}""",
            """{"type":"createAccount","account":"bob"}""",
            """{"type":"createAccount","account":"carol"}""",
            """{"type":"createAccount","account":"mm"}""",
            """{"type":"deposit","account":"alice","asset":"USDT","amount":"20000"}""",
            """{"type":"deposit","account":"bob","asset":"USDT","amount":"2000"}""",
            """{"type":"deposit","account":"carol","asset":"USDT","amount":"10000"}""",
            """{"type":"deposit","account":"mm","asset":"USDT","amount":"1000000"}""",
            """{"type":"listInstrument","symbol":"EXTUSDT","contract":"linear","settleAsset":"USDT","profile":"ringfence","tickSize":"0.1","lotSize":"0.001","mmr":"0.01","maxLeverage":"50","liquidationExecution":"external"}""",
            """{"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"ringfence","tickSize":"0.1","lotSize":"0.001","mmr":"0.005","maxLeverage":"100"}""",
            """{"type":"trade","symbol":"EXTUSDT","price":"20000","quantity":"2.5","buyer":{"account":"alice","scope":"cross"},"seller":{"account":"mm","scope":"isolated","margin":"3000"}}""",
            """{"type":"markPrice","symbol":"EXTUSDT","price":"10500"}""",
            """{"type":"trade","symbol":"EXTUSDT","price":"10600","quantity":"0.7","buyer":{"account":"mm","scope":"cross"},"seller":{"account":"bob","scope":"cross"}}""",
            """{"type":"trade","symbol":"BTCUSDT","price":"10000","quantity":"1.4","buyer":{"account":"bob","scope":"cross"},"seller":{"account":"carol","scope":"cross"}}""",
            """{"type":"markPrice","symbol":"BTCUSDT","price":"5000"}""",
            """{"type":"markPrice","symbol":"EXTUSDT","price":"10000"}""");

        Assert.True(results[^1].Accepted, results[^1].Rejection?.Reason);
    }

    private static List<ExecutionResult> Run(params string[] lines)
    {
        var engine = new MarginEngine();
        var results = new List<ExecutionResult>();
        foreach (var line in lines)
        {
            var result = engine.Execute(CommandJson.Parse(line));
            Assert.False(result.Rejection?.Code == RejectionCodes.InternalError, $"{line} faulted: {result.Rejection?.Reason}");
            Assert.All(engine.Audit(), audit => Assert.True(audit.Balances, $"{line} broke conservation of {audit.Asset}"));
            results.Add(result);
        }

        Assert.Equal(0, engine.Faults);
        return results;
    }
}
