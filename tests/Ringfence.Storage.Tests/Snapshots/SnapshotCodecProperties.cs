using FsCheck.Fluent;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Tests;
using Ringfence.Core.Tests.Engine.Generation;
using Ringfence.Core.Tests.Engine.Invariants;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Storage.Tests.Snapshots;

/// <summary>
/// The codec over the random engine scenarios: states at random points decode to the same snapshot, and an engine
/// restored from a decoded snapshot continues exactly like the one it was taken from — which also catches anything the
/// hash omits.
/// </summary>
public sealed class SnapshotCodecProperties
{
    [Fact]
    public void An_engine_restored_from_a_decoded_snapshot_continues_with_the_same_events_and_hash() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            var original = new MarginEngine();
            Run(original, scenario.Commands.Take(scenario.SnapshotAt));
            var snapshot = original.TakeSnapshot();

            var decoded = SnapshotCodec.Decode(SnapshotCodec.Encode(snapshot));
            SameSnapshot.Assert(snapshot, decoded);
            var restored = MarginEngine.Restore(decoded);
            Assert.Equal(StateHash.Of(snapshot), restored.Hash());

            ContinueAlike(original, restored, scenario.Commands.Skip(scenario.SnapshotAt), scenario.SnapshotAt);
        });

    [Fact]
    public void States_at_random_points_of_a_random_scenario_decode_to_the_same_snapshot() =>
        PropertyCases.Verify(
            from scenario in RandomScenarios.Scenarios
            from points in Gen.Choose(0, scenario.Commands.Count).ArrayOf(8)
            select (Scenario: scenario, Points: points.ToHashSet()),
            c =>
            {
                var engine = new MarginEngine();
                for (var i = 0; i <= c.Scenario.Commands.Count; i++)
                {
                    if (c.Points.Contains(i))
                    {
                        var snapshot = engine.TakeSnapshot();
                        SameSnapshot.Assert(snapshot, SnapshotCodec.Decode(SnapshotCodec.Encode(snapshot)));
                    }

                    if (i < c.Scenario.Commands.Count)
                    {
                        engine.Execute(c.Scenario.Commands[i]);
                    }
                }
            });

    /// <summary>
    /// Runs the same commands on both engines, asserting that each gives the same outcome (acceptance, events as JSON and
    /// as records, postings) and that both end in the same state.
    /// </summary>
    internal static void ContinueAlike(MarginEngine original, MarginEngine restored, IEnumerable<Command> commands, int firstIndex)
    {
        var index = firstIndex;
        foreach (var command in commands)
        {
            var expected = original.Execute(command);
            var actual = restored.Execute(command);
            Assert.True(OutcomeText.Of(expected) == OutcomeText.Of(actual),
                $"command #{index} ({command}) gave\n{OutcomeText.Of(actual)}instead of\n{OutcomeText.Of(expected)}");
            Assert.Equal(expected.Events, actual.Events);
            Assert.Equal(expected.Postings, actual.Postings);
            index++;
        }

        Assert.Equal(original.Hash(), restored.Hash());
        SameSnapshot.Assert(original.TakeSnapshot(), restored.TakeSnapshot());
    }

    private static void Run(MarginEngine engine, IEnumerable<Command> commands)
    {
        foreach (var command in commands)
        {
            engine.Execute(command);
        }
    }
}
