using Ringfence.Core.Engine;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>
/// Idempotency: a client id that was accepted once answers every later command carrying it with the first outcome,
/// marked as a duplicate, and changes nothing. Rejected commands claim no id: sending them again executes them again.
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

    private static void AssertDuplicateOf(ExecutionResult first, ExecutionResult again, string what)
    {
        Assert.True(again.Duplicate, $"{what} was executed again instead of returning its first outcome");
        Assert.Equal(OutcomeText.Of(first), OutcomeText.Of(again with { Duplicate = false }));
    }
}
