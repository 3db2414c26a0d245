using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Margin;
using Ringfence.Core.Tests.Engine.Generation;
using Ringfence.Core.Tests.Engine.Invariants;

namespace Ringfence.Core.Tests.Fuzz;

/// <summary>
/// Random command sequences with externally liquidated instruments (the kind that found issue 9's engine fault twice
/// in 150 scenarios): liquidation orders, fills (and fills of orders that do not exist), cross and pod positions
/// under liquidation, deleveraging. After every command: no engine fault, a rejection changed nothing, money is
/// conserved and open interest is zero-sum.
/// </summary>
public sealed class ExternalLiquidationFuzzTests
{
    [Fact]
    public void No_command_faults_a_rejection_changes_nothing_money_is_conserved_and_open_interest_nets_to_zero() =>
        PropertyCases.Verify(RandomScenarios.ExternalScenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario))
            {
                var rejection = step.Result.Rejection;
                Assert.False(rejection?.Code == RejectionCodes.InternalError, $"{step.Describe()} made the engine fault: {rejection?.Reason}");
                if (!step.Result.Accepted)
                {
                    Assert.True(step.HashBefore == step.HashAfter, $"{step.Describe()} was rejected but changed the state");
                }

                Assert.All(step.Engine.Audit(), audit => Assert.True(audit.Balances, $"{step.Describe()} broke conservation of {audit.Asset}"));
                foreach (var symbol in step.After.Positions.GroupBy(p => p.Key.Symbol))
                {
                    var longs = symbol.Where(p => p.Side == PositionSide.Long).Sum(p => p.Quantity.Units);
                    var shorts = symbol.Where(p => p.Side == PositionSide.Short).Sum(p => p.Quantity.Units);
                    Assert.True(longs == shorts, $"{step.Describe()} left {symbol.Key} with {longs} long against {shorts} short (units)");
                }
            }

            Assert.Equal(0, ScenarioRun.Execute(scenario).Last().Engine.Faults);
        });

    [Fact]
    public void The_sequences_reach_orders_fills_cancellations_and_deleveraging()
    {
        // Without this the property above could pass on sequences that never liquidate anything externally.
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var scenario in RandomScenarios.ExternalScenarios.Sample(150, new FsCheck.Rnd(11UL), 50))
        {
            foreach (var step in ScenarioRun.Execute(scenario))
            {
                foreach (var @event in step.Result.Events)
                {
                    seen.Add(step.Command is LiquidationFill && @event is PositionLiquidated ? "fill" : @event.GetType().Name);
                }
            }
        }

        Assert.Superset(new HashSet<string>(StringComparer.Ordinal) { nameof(LiquidationOrderIssued), "fill", nameof(LiquidationCancelled), nameof(AutoDeleveraged) }, seen);
    }
}
