using System.Runtime.CompilerServices;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Instruments;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Core.Serialization;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Storage.Tests.Snapshots;

/// <summary>
/// The codec through written scenarios — the shipped examples and one that reaches what the random scenarios do not
/// (index quotes, a jump guard with a pending mark, funding samples, external liquidation, a dated future, time offsets):
/// after every command the state decodes to the same snapshot, and an engine restored from it runs the rest of the
/// scenario exactly like the original. Every command carries a client id, so that every event it emits is also kept
/// as an outcome and must come back.
/// </summary>
public sealed class SnapshotCodecScenarioTests
{
    /// <summary>The reach of this file's own scenario, beyond the random ones.</summary>
    internal const string Features = """
        {"type":"createAccount","account":"alice"}
        {"type":"createAccount","account":"alice.sub","parent":"alice"}
        {"type":"createAccount","account":"bob"}
        {"type":"createAccount","account":"mm"}
        {"type":"deposit","account":"alice","asset":"USDT","amount":"20000"}
        {"type":"deposit","account":"bob","asset":"USDT","amount":"20000"}
        {"type":"deposit","account":"mm","asset":"USDT","amount":"5000000"}
        {"type":"deposit","account":"alice","asset":"BTC","amount":"2"}
        {"type":"deposit","account":"mm","asset":"BTC","amount":"100"}
        {"type":"transfer","from":"alice","to":"alice.sub","asset":"USDT","amount":"5000"}
        # The index needs two of its sources within 2% of each other and 30 s fresh; a mark beyond 5% waits for confirmation.
        {"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"ringfence","tickSize":"0.1","lotSize":"0.001","takerFee":"0.00055","makerFee":"0.0002","liquidationFee":"0.005","tiers":[{"cap":"100000","mmr":"0.01","maxLeverage":"50"},{"cap":"1000000","mmr":"0.02","maxLeverage":"25"}],"liquidity":[{"notional":"50000","impact":"0.005"},{"notional":"200000","impact":"0.02"}],"priceBand":"0.05","indexMaxAge":"30","indexOutlierBand":"0.02","indexMinSources":"2"}
        {"type":"listInstrument","symbol":"ETHUSDT","contract":"linear","settleAsset":"USDT","profile":"binance","tickSize":"0.01","lotSize":"0.01","liquidationFee":"0.005","mmr":"0.005","maxLeverage":"100","liquidationExecution":"external"}
        {"type":"listInstrument","symbol":"BTCUSD","contract":"inverse","settleAsset":"BTC","contractSize":"100","profile":"bybit","tickSize":"0.5","lotSize":"1","mmr":"0.005","maxLeverage":"100"}
        {"type":"listInstrument","symbol":"BTCUSDT-20261225","contract":"linear","settleAsset":"USDT","baseAsset":"BTC","profile":"hyperliquid","kind":"future","expiry":"2026-12-25T08:00:00Z","tickSize":"1","lotSize":"0.001","tiers":[{"cap":"500000","maxLeverage":"40"},{"maxLeverage":"20"}]}
        {"type":"indexPrice","symbol":"BTCUSDT","source":"binance","price":"20000","time":"2026-01-01T00:00:00Z"}
        {"type":"indexPrice","symbol":"BTCUSDT","source":"coinbase","price":"20010","time":"2026-01-01T00:00:05Z"}
        {"type":"indexPrice","symbol":"BTCUSDT","source":"kraken","price":"21000","time":"2026-01-01T00:00:06Z"}
        {"type":"markPrice","symbol":"ETHUSDT","price":"1000"}
        {"type":"markPrice","symbol":"BTCUSD","price":"20000"}
        {"type":"markPrice","symbol":"BTCUSDT-20261225","price":"20100"}
        {"type":"trade","symbol":"BTCUSDT","price":"20000","quantity":"0.5","buyer":{"account":"alice","scope":"isolated","leverage":"20"},"seller":{"account":"mm","scope":"cross"},"aggressor":"buyer","id":"t1"}
        {"type":"trade","symbol":"BTCUSDT","price":"20000","quantity":"0.5","buyer":{"account":"mm","scope":"cross"},"seller":{"account":"bob","scope":"isolated","leverage":"10"},"id":"t2"}
        # The first trade again under its client id: a duplicate, answered with the first outcome.
        {"type":"trade","symbol":"BTCUSDT","price":"20000","quantity":"0.5","buyer":{"account":"alice","scope":"isolated","leverage":"20"},"seller":{"account":"mm","scope":"cross"},"aggressor":"buyer","id":"t1"}
        {"type":"setAutoTopUp","account":"alice","symbol":"BTCUSDT","enabled":true,"cap":"300"}
        {"type":"createPod","account":"alice.sub","pod":"hedge"}
        {"type":"fundPod","account":"alice.sub","pod":"hedge","asset":"USDT","amount":"3000"}
        {"type":"trade","symbol":"BTCUSDT-20261225","price":"20100","quantity":"0.1","buyer":{"account":"alice.sub","scope":"pod:hedge","leverage":"10"},"seller":{"account":"mm","scope":"cross"}}
        {"type":"trade","symbol":"BTCUSD","price":"20000","quantity":"100","buyer":{"account":"alice","scope":"isolated","leverage":"10"},"seller":{"account":"mm","scope":"cross"}}
        {"type":"trade","symbol":"ETHUSDT","price":"1000","quantity":"10","buyer":{"account":"bob","scope":"isolated","leverage":"50"},"seller":{"account":"mm","scope":"cross"}}
        # bob's 10 ETH on 200 of margin reach maintenance: an order goes to the external matching engine.
        {"type":"markPrice","symbol":"ETHUSDT","price":"982"}
        {"type":"fundingSample","symbol":"BTCUSDT","impactBid":"19995","impactAsk":"20015"}
        {"type":"fundingSample","symbol":"BTCUSDT","impactBid":"19990","impactAsk":"20020"}
        # A jump beyond the band is held, then confirmed: bob's short is liquidated, past bankruptcy.
        {"type":"markPrice","symbol":"BTCUSDT","price":"23000"}
        {"type":"markPrice","symbol":"BTCUSDT","price":"23050"}
        {"type":"settleFunding","symbol":"BTCUSDT"}
        {"type":"liquidationFill","symbol":"ETHUSDT","account":"bob","price":"981","quantity":"5","counterparty":{"account":"mm","scope":"cross"}}
        {"type":"fundingRate","symbol":"BTCUSD","rate":"0.0001"}
        {"type":"createPod","account":"alice","pod":"basis"}
        {"type":"movePositionToPod","account":"alice","symbol":"BTCUSD","pod":"basis"}
        {"type":"withdraw","account":"alice.sub","asset":"USDT","amount":"100"}
        {"type":"sweep","symbol":"BTCUSDT"}
        # bob buys at 20x with a top-up; a fall within the band reaches his liquidation price, and the top-up moves collateral in.
        {"type":"trade","symbol":"BTCUSDT","price":"23050","quantity":"0.5","buyer":{"account":"bob","scope":"isolated","leverage":"20"},"seller":{"account":"mm","scope":"cross"}}
        {"type":"setAutoTopUp","account":"bob","symbol":"BTCUSDT","enabled":true,"cap":"300"}
        {"type":"markPrice","symbol":"BTCUSDT","price":"22100"}
        {"type":"markPrice","symbol":"BTCUSDT","price":"30000"}
        """;

    public static TheoryData<string> Examples() =>
        [.. Directory.GetFiles(Path.Combine(RepositoryRoot(), "examples", "scenarios"), "*.jsonl").Select(path => Path.GetFileName(path)).Order(StringComparer.Ordinal)];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Every_state_of_an_example_scenario_round_trips_and_continues_alike(string file)
    {
        var commands = Parse(File.ReadAllText(Path.Combine(RepositoryRoot(), "examples", "scenarios", file)));

        RoundTripEveryState(commands);
    }

    [Fact]
    public void Every_state_of_the_feature_scenario_round_trips_and_continues_alike()
    {
        // A time with an offset other than UTC and a fraction of a second: the scenario format always reads UTC.
        var late = new DateTimeOffset(2026, 1, 1, 9, 0, 20, TimeSpan.FromHours(9)).AddTicks(1_234_567);
        var commands = Parse(Features).Append(new UpdateIndexPrice("BTCUSDT", "binance", Price.FromWhole(29_990)) { Time = late, ClientId = "late" }).ToList();

        var states = RoundTripEveryState(commands);

        // The scenario reaches what it is for; otherwise the round trips above prove less than they seem to.
        Assert.Contains(states, s => s.Markets.Any(m => m.Guard?.Pending is not null));
        Assert.Contains(states, s => s.Markets.Any(m => m.IndexQuotes.Count == 3 && m.Index is not null));
        Assert.Contains(states, s => s.Markets.Any(m => m.FundingSamples.Count == 2));
        Assert.Contains(states, s => s.Markets.Any(m => m.LastFundingRate != Rate.Zero));
        Assert.Contains(states, s => s.Markets.Any(m => m.Execution == LiquidationExecution.External) && s.Positions.Any(p => p.InLiquidation));
        Assert.Contains(states, s => s.Markets.Any(m => m.Instrument.Expiry is not null && m.Instrument.Contract.Type == ContractType.Linear));
        Assert.Contains(states, s => s.Positions.Any(p => p.Key.Symbol == "BTCUSD" && p.Key.Scope.Kind == MarginScopeKind.Pod));
        Assert.Contains(states, s => s.Positions.Any(p => p.TopUp.Enabled));
        Assert.Contains(states, s => s.Accounts.Any(a => a.Parent is not null));
        Assert.Contains(states, s => s.InsuranceFundHistory.Count > 0);
        Assert.Contains(states, s => s.LastTime is { Offset.Ticks: > 0 } && s.Markets.Any(m => m.IndexQuotes.Values.Any(q => q.Time.Offset != TimeSpan.Zero)));
        var outcomes = states[^1].Outcomes.Select(o => o.Value).ToList();
        foreach (var type in new[] { typeof(PositionLiquidated), typeof(AutoDeleveraged), typeof(InsuranceFundChanged), typeof(LiquidationOrderIssued), typeof(MarkPriceHeld), typeof(IndexPriceUpdated), typeof(FundingSampled), typeof(FundingRateSettled), typeof(PodFunded), typeof(Transferred), typeof(PositionMovedToPod), typeof(SweepCompleted), typeof(FeeCharged), typeof(MarginToppedUp) })
        {
            Assert.True(outcomes.Any(o => o.Events.Any(e => e.GetType() == type)), $"no outcome holds a {type.Name}");
        }
    }

    /// <summary>
    /// Runs <paramref name="commands"/>, after each one round-tripping the state and continuing an engine restored from
    /// the decoded snapshot through the rest; returns every state.
    /// </summary>
    private static List<EngineSnapshot> RoundTripEveryState(List<Command> commands)
    {
        var states = new List<EngineSnapshot>();
        var engine = new MarginEngine();
        for (var i = 0; i <= commands.Count; i++)
        {
            var snapshot = engine.TakeSnapshot();
            states.Add(snapshot);
            var decoded = SnapshotCodec.Decode(SnapshotCodec.Encode(snapshot));
            SameSnapshot.Assert(snapshot, decoded);

            // The original continues through a restored copy of itself, so that it stays untouched for the next step.
            var rest = commands.Skip(i).ToList();
            SnapshotCodecProperties.ContinueAlike(MarginEngine.Restore(snapshot), MarginEngine.Restore(decoded), rest, i);
            if (i < commands.Count)
            {
                engine.Execute(commands[i]);
            }
        }

        return states;
    }

    /// <summary>The commands of a scenario file; each without a client id gets one, so that its outcome is kept.</summary>
    internal static List<Command> Parse(string scenario) =>
        scenario.Split('\n')
            .Select(line => line.Trim())
            .Where(line => line.Length > 0 && !line.StartsWith("//", StringComparison.Ordinal) && !line.StartsWith('#'))
            .Select((line, i) => CommandJson.Parse(line) is var command && command.ClientId is null ? command with { ClientId = $"line{i}" } : command)
            .ToList();

    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        var directory = new FileInfo(sourceFile).Directory;
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ringfence.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"Ringfence.sln not found above {sourceFile}.");
    }
}
