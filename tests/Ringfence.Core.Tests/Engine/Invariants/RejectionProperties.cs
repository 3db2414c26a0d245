using System.Reflection;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>Atomicity: a command is applied completely, or rejected with one stated reason and no trace.</summary>
public sealed class RejectionProperties
{
    private static readonly HashSet<string> KnownCodes = typeof(RejectionCodes)
        .GetFields(BindingFlags.Public | BindingFlags.Static)
        .Where(f => f.IsLiteral)
        .Select(f => (string)f.GetRawConstantValue()!)
        .ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void A_rejected_command_changes_nothing_posts_nothing_and_gives_one_known_code() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario))
            {
                if (step.Result.Accepted)
                {
                    Assert.DoesNotContain(step.Result.Events, e => e is CommandRejected);
                    continue;
                }

                Assert.True(step.HashBefore == step.HashAfter, $"{step.Describe()} changed the state hash");
                Assert.True(step.Result.Postings.Count == 0, $"{step.Describe()} made {step.Result.Postings.Count} postings");
                Assert.False(step.Result.Duplicate, $"{step.Describe()} is a rejection marked as a duplicate");
                var rejection = Assert.IsType<CommandRejected>(Assert.Single(step.Result.Events));
                Assert.Contains(rejection.Code, KnownCodes);
                Assert.True(rejection.Code != RejectionCodes.InternalError, $"{step.Describe()} made the engine fault: {rejection.Reason}");
                Assert.False(string.IsNullOrWhiteSpace(rejection.Reason), $"{step.Describe()} gave no reason");
            }
        });
}
