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
        var results = Run(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus", "Regressions", "external-cross-liquidation.jsonl")));

        Assert.True(results[^1].Accepted, results[^1].Rejection?.Reason);
    }

    /// <summary>
    /// A random sequence of the invariant properties (after the generator learnt index prices and funding samples):
    /// bob's cross short is bankrupt beyond the fund at the last mark and is deleveraged against alice.sub's isolated
    /// 100× long at bob's bankruptcy price, below alice.sub's entry; what is left of her long is below maintenance at the
    /// mark, and used to stay so until the next mark, because the tick's candidates were taken from the index before the
    /// deleveraging. A deleveraged isolated counterparty is now checked again in the same tick.
    /// </summary>
    [Fact]
    public void A_counterparty_left_below_maintenance_by_deleveraging_is_liquidated_in_the_same_tick()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus", "Regressions", "adl-counterparty-left-liquidatable.jsonl"));
        var engine = new MarginEngine();
        var results = Run(engine, lines);

        var tick = results[^1].Events;
        Assert.Contains(tick, e => e is AutoDeleveraged { Account.Value: "alice.sub", Symbol: "BTCUSDT" });
        Assert.Contains(tick, e => e is LiquidationStarted { Account.Value: "alice.sub", Symbol: "BTCUSDT" });
        var sweep = Assert.IsType<SweepCompleted>(Assert.Single(engine.Execute(new Core.Engine.Commands.Sweep("BTCUSDT")).Events));
        Assert.Equal(0, sweep.Liquidatable);
    }

    /// <summary>
    /// A random sequence that the same-tick check above first got wrong: a BTCUSDT mark liquidates alice's pod, which
    /// also holds ETHUSDT, and deleverages ETHUSDT positions; those were then checked at the BTCUSDT market and mark,
    /// liquidating an ETHUSDT short as if it were BTCUSDT (open interest went out of balance). A deleveraged
    /// counterparty is checked at its own instrument's mark.
    /// </summary>
    [Fact]
    public void A_counterparty_deleveraged_in_another_instrument_is_checked_at_its_own_mark()
    {
        var lines = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus", "Regressions", "pod-deleverages-another-instrument.jsonl"));
        var engine = new MarginEngine();
        var results = Run(engine, lines);

        var tick = results[^1].Events;
        Assert.Contains(tick, e => e is AutoDeleveraged { Symbol: "ETHUSDT" });
        Assert.DoesNotContain(tick, e => e is PositionLiquidated { Symbol: "BTCUSDT", Account.Value: "dave" });
        var open = engine.TakeSnapshot().Positions.Where(p => p.Key.Symbol == "BTCUSDT").ToList();
        Assert.Equal(
            open.Where(p => p.Side == Core.Margin.PositionSide.Long).Sum(p => p.Quantity.Units),
            open.Where(p => p.Side == Core.Margin.PositionSide.Short).Sum(p => p.Quantity.Units));
    }

    private static List<ExecutionResult> Run(params string[] lines) => Run(new MarginEngine(), lines);

    private static List<ExecutionResult> Run(MarginEngine engine, string[] lines)
    {
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
