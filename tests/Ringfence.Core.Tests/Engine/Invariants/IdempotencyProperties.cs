using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>
/// Idempotency: a client id that was accepted once answers every later command carrying it with the first outcome,
/// marked as a duplicate, and changes nothing — for as long as it is one of the last <see cref="EngineOptions.IdempotencyWindow"/>
/// accepted commands. Rejected commands claim no id: sending them again executes them again.
/// </summary>
public sealed class IdempotencyProperties
{
    [Fact]
    public void A_re_sent_client_id_returns_the_first_outcome_and_changes_nothing() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            var accepted = new Dictionary<string, ExecutionResult>(StringComparer.Ordinal);
            foreach (var step in ScenarioRun.Execute(scenario))
            {
                if (step.Command.ClientId is not { } id)
                {
                    Assert.False(step.Result.Duplicate, $"{step.Describe()} carries no client id but came back a duplicate");
                    continue;
                }

                if (accepted.TryGetValue(id, out var first))
                {
                    AssertDuplicateOf(first, step.Result, step.Describe());
                    Assert.True(step.HashBefore == step.HashAfter, $"{step.Describe()} is a duplicate but changed the state");
                    continue;
                }

                Assert.False(step.Result.Duplicate, $"{step.Describe()}: client id '{id}' was never accepted, yet the command came back a duplicate");
                if (step.Result.Accepted)
                {
                    accepted.Add(id, step.Result);
                    var again = step.Engine.Execute(step.Command);
                    AssertDuplicateOf(step.Result, again, $"{step.Describe()}, sent again at once");
                    Assert.True(step.Engine.Hash() == step.HashAfter, $"{step.Describe()}, sent again at once, changed the state");
                }
            }
        });

    [Fact]
    public void A_client_id_is_remembered_for_exactly_the_window_and_a_restored_engine_decides_the_same() =>
        PropertyCases.Verify(
            from scenario in RandomScenarios.Scenarios
            from window in Gen.Choose(1, 12)
            from snapshotAt in Gen.Choose(0, scenario.Commands.Count)
            select (scenario, window, snapshotAt),
            c =>
            {
                // The model: the client ids of accepted commands, oldest first, and each one's first outcome.
                var accepted = new List<string>();
                var first = new Dictionary<string, ExecutionResult>(StringComparer.Ordinal);
                var engine = new MarginEngine(new EngineOptions { IdempotencyWindow = c.window });
                var index = 0;
                foreach (var command in RepeatingIds(c.scenario.Commands))
                {
                    if (index++ == c.snapshotAt)
                    {
                        engine = MarginEngine.Restore(engine.TakeSnapshot());
                    }

                    var hashBefore = engine.Hash();
                    var result = engine.Execute(command);
                    var what = $"command {index - 1} ({command.GetType().Name}, id {command.ClientId ?? "none"}) with a window of {c.window}";
                    var id = command.ClientId;
                    if (id is not null && accepted.TakeLast(c.window).Contains(id))
                    {
                        AssertDuplicateOf(first[id], result, what);
                        Assert.True(engine.Hash() == hashBefore, $"{what} is a duplicate but changed the state");
                        continue;
                    }

                    Assert.False(result.Duplicate, $"{what}: the id is not among the last {c.window} accepted, yet the command came back a duplicate");
                    if (result.Accepted && id is not null)
                    {
                        accepted.Add(id);
                        first[id] = result;
                    }
                }

                var snapshot = engine.TakeSnapshot();
                Assert.Equal(c.window, snapshot.IdempotencyWindow);
                Assert.Equal(accepted.TakeLast(c.window), snapshot.Outcomes.Select(o => o.Key));
            });

    /// <summary>
    /// The scenario with its client ids folded onto a few names (<c>c0</c>…<c>c9</c>), so that ids come back both
    /// inside and outside small windows; commands without an id keep none.
    /// </summary>
    private static IEnumerable<Command> RepeatingIds(IEnumerable<Command> commands) =>
        commands.Select((command, i) => command.ClientId is null ? command : command with { ClientId = $"c{i % 10}" });

    private static void AssertDuplicateOf(ExecutionResult first, ExecutionResult again, string what)
    {
        Assert.True(again.Duplicate, $"{what} was executed again instead of returning its first outcome");
        Assert.Equal(OutcomeText.Of(first), OutcomeText.Of(again with { Duplicate = false }));
    }
}
