using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>
/// Determinism: the same commands give the same events and state, whether run again or resumed from a snapshot — through
/// liquidations too, whose index a restored engine rebuilds.
/// </summary>
public sealed class DeterminismProperties
{
    [Fact]
    public void Two_engines_given_the_same_sequence_emit_the_same_events_and_reach_the_same_hash() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            var (firstOutcomes, first) = Run(new MarginEngine(), scenario.Commands);
            var (secondOutcomes, second) = Run(new MarginEngine(), scenario.Commands);

            AssertSameOutcomes(firstOutcomes, secondOutcomes, 0);
            Assert.Equal(first.Hash(), second.Hash());
        });

    [Fact]
    public void Restoring_a_snapshot_and_continuing_emits_the_same_events_and_reaches_the_same_hash() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            var commands = scenario.Commands;
            var (uninterrupted, straight) = Run(new MarginEngine(), commands);

            var (_, beforeSnapshot) = Run(new MarginEngine(), commands.Take(scenario.SnapshotAt));
            var snapshot = beforeSnapshot.TakeSnapshot();
            var restored = MarginEngine.Restore(snapshot);
            Assert.Equal(beforeSnapshot.Hash(), restored.Hash());

            // Restoring rebuilds the liquidation index: a sweep finds what the index kept command by command finds.
            foreach (var market in snapshot.Markets.Where(m => m.Mark is not null))
            {
                var kept = beforeSnapshot.Execute(new Sweep(market.Symbol));
                var rebuilt = restored.Execute(new Sweep(market.Symbol));
                Assert.Equal(OutcomeText.Of(kept), OutcomeText.Of(rebuilt));
                Assert.Equal(0, Assert.IsType<SweepCompleted>(Assert.Single(rebuilt.Events)).Disagreements);
            }

            Assert.Equal(beforeSnapshot.Hash(), restored.Hash());
            var (resumed, _) = Run(restored, commands.Skip(scenario.SnapshotAt));

            AssertSameOutcomes(uninterrupted.Skip(scenario.SnapshotAt).ToList(), resumed, scenario.SnapshotAt);
            Assert.Equal(straight.Hash(), restored.Hash());
        });

    private static (IReadOnlyList<string> Outcomes, MarginEngine Engine) Run(MarginEngine engine, IEnumerable<Command> commands) =>
        (commands.Select(c => OutcomeText.Of(engine.Execute(c))).ToList(), engine);

    private static void AssertSameOutcomes(IReadOnlyList<string> expected, IReadOnlyList<string> actual, int firstIndex)
    {
        Assert.Equal(expected.Count, actual.Count);
        for (var i = 0; i < expected.Count; i++)
        {
            Assert.True(expected[i] == actual[i], $"command #{firstIndex + i} gave\n{actual[i]}instead of\n{expected[i]}");
        }
    }
}
