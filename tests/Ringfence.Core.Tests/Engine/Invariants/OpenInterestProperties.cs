using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>Zero-sum open interest: every contract held long is held short by someone else.</summary>
public sealed class OpenInterestProperties
{
    [Fact]
    public void Long_and_short_open_interest_are_equal_in_every_instrument_after_every_command() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            // A rejected command changes nothing (see RejectionProperties), so the view is read after accepted ones.
            foreach (var step in ScenarioRun.Execute(scenario).Where(s => s.Result.Accepted))
            {
                foreach (var instrument in step.Engine.View().Positions.GroupBy(p => p.Symbol))
                {
                    var longs = instrument.Where(p => p.Side == PositionSide.Long).Aggregate(Quantity.Zero, (sum, p) => sum + p.Quantity);
                    var shorts = instrument.Where(p => p.Side == PositionSide.Short).Aggregate(Quantity.Zero, (sum, p) => sum + p.Quantity);
                    Assert.True(longs == shorts, $"after {step.Describe()}: {instrument.Key} has {longs} long against {shorts} short");
                }
            }
        });
}
