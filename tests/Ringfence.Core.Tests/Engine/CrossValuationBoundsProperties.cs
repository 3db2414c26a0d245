using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Tests.Engine.Generation;
using Ringfence.Core.Tests.Engine.Invariants;

namespace Ringfence.Core.Tests.Engine;

/// <summary>
/// A mark skips the cross accounts proven healthy inside the price bands of their last valuation
/// (<see cref="CrossValuationBounds"/>). Skipping must never miss a liquidation a full re-valuation would find, nor
/// change anything else: an engine with the bands and one that re-values every cross account on every mark, given the
/// same commands, answer every command the same and reach the same hash.
/// </summary>
public sealed class CrossValuationBoundsProperties
{
    private static readonly EngineOptions Reference = new() { BoundCrossValuations = false };

    [Fact]
    public void Skipping_cross_accounts_inside_their_bands_changes_no_answer() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario => AssertSame(scenario.Commands));

    [Theory]
    [InlineData(1UL, false)]
    [InlineData(2UL, false)]
    [InlineData(3UL, true)]
    [InlineData(4UL, true)]
    [InlineData(5UL, false)]
    public void Skipping_changes_no_answer_over_a_thousand_commands(ulong seed, bool external) =>
        AssertSame(RandomScenarios.Long(1_000, external).Sample(1, new Rnd(seed, 7UL), 20).First().Commands);

    private static void AssertSame(IReadOnlyList<Command> commands)
    {
        var bounded = new MarginEngine();
        var reference = new MarginEngine(Reference);
        for (var i = 0; i < commands.Count; i++)
        {
            var expected = OutcomeText.Of(reference.Execute(commands[i]));
            var actual = OutcomeText.Of(bounded.Execute(commands[i]));
            Assert.True(expected == actual, $"command #{i} ({commands[i].GetType().Name}) gave\n{actual}instead of\n{expected}");
        }

        Assert.Equal(reference.Hash(), bounded.Hash());
    }
}
