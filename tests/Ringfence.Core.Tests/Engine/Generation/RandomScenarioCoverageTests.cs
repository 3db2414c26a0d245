using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Tests.Engine.Invariants;
using Xunit.Abstractions;

namespace Ringfence.Core.Tests.Engine.Generation;

/// <summary>
/// The properties are only as good as the sequences they run: these tests fail if the generator stops producing the
/// commands, outcomes and events the invariants are about.
/// </summary>
public sealed class RandomScenarioCoverageTests(ITestOutputHelper output)
{
    private const int Scenarios = 150;

    /// <summary>A fixed seed: coverage is a property of the generator, so these tests must not flicker.</summary>
    private const ulong Seed = 20_261_121;

    private static readonly string[] WaterfallSteps =
    [
        "isolated liquidation", "cross liquidation", "pod liquidation", "partial liquidation", "full liquidation against the backstop",
        "isolated counterparty deleveraged", "cross counterparty deleveraged", "liquidation fee", "forfeited collateral", "gap from the insurance fund",
    ];

    [Fact]
    public void Random_sequences_get_every_kind_of_command_both_accepted_and_rejected()
    {
        var outcomes = Tally(step => [$"{step.Command.GetType().Name} {(step.Result.Accepted ? "accepted" : "rejected")}"]);

        // Every command type there is: a new one fails here until the generator makes it.
        var kinds = typeof(Command).Assembly.GetTypes().Where(t => typeof(Command).IsAssignableFrom(t) && !t.IsAbstract).Select(t => t.Name);
        Assert.All(kinds, kind =>
        {
            Assert.True(outcomes.GetValueOrDefault($"{kind} accepted") > 0, $"no {kind} was accepted");
            Assert.True(outcomes.GetValueOrDefault($"{kind} rejected") > 0, $"no {kind} was rejected");
        });
    }

    [Fact]
    public void Every_generated_command_reaches_a_handler_and_a_reach_rule()
    {
        // A command type the engine's dispatch does not know is rejected as unknown; one the invariants have no reach
        // rule for throws in CommandReach.Of.
        var unknown = Tally(step =>
        {
            _ = CommandReach.Of(step.Command);
            return step.Result.Rejection is { Code: RejectionCodes.NotApplicable } r && r.Reason.StartsWith("unknown command", StringComparison.Ordinal)
                ? [step.Command.GetType().Name]
                : [];
        });

        Assert.Empty(unknown);
    }

    [Fact]
    public void Random_sequences_reach_the_rejections_the_invariants_are_about()
    {
        var codes = Tally(step => step.Result.Rejection is { } rejection ? [rejection.Code] : []);

        Assert.All(
            new[]
            {
                RejectionCodes.InvalidValue, RejectionCodes.UnknownAccount, RejectionCodes.UnknownInstrument, RejectionCodes.UnknownPosition,
                RejectionCodes.UnknownPod, RejectionCodes.InsufficientBalance, RejectionCodes.InsufficientMargin, RejectionCodes.LeverageAboveTierMax,
                RejectionCodes.NotionalAboveMaxTier, RejectionCodes.MarginSpecification, RejectionCodes.RemoveExceedsMax, RejectionCodes.NotRelated,
                RejectionCodes.OffIncrement, RejectionCodes.SelfTrade, RejectionCodes.TimeWentBackwards, RejectionCodes.Overflow,
                RejectionCodes.DuplicateAccount, RejectionCodes.DuplicatePod,
            },
            code => Assert.True(codes.GetValueOrDefault(code) > 0, $"no command was rejected with {code}"));
    }

    [Fact]
    public void Random_sequences_reach_the_events_the_invariants_are_about()
    {
        var events = Tally(step => step.Result.Accepted ? step.Result.Events.Select(e => e.Type).Distinct() : []);

        Assert.All(
            new[]
            {
                nameof(PositionOpened), nameof(PositionChanged), nameof(PositionClosed), nameof(FeeCharged), nameof(MarginAdded), nameof(MarginRemoved),
                nameof(LeverageChanged), nameof(MarginToppedUp), nameof(LiquidationStarted), nameof(PositionLiquidated), nameof(FundingPaid), nameof(FundingShortfall), nameof(PodFunded),
                nameof(PodDefunded), nameof(PositionMovedToPod), nameof(Transferred), nameof(Withdrawn),
                nameof(InsuranceFundChanged), nameof(BankruptcyGapCovered), nameof(AutoDeleveraged), nameof(BackstopAbsorbed), nameof(SweepCompleted),
            },
            type => Assert.True(events.GetValueOrDefault(type) > 0, $"no accepted command emitted {type}"));
    }

    [Fact]
    public void Random_sequences_reach_every_step_of_the_liquidation_waterfall()
    {
        // The rarer steps (a gap the fund can pay, a partial step down the tiers) need a larger sample.
        var steps = Tally(step => step.Result.Accepted ? step.Result.Events.SelectMany(LiquidationLabels).Distinct() : [], 2 * Scenarios);

        Assert.All(
            WaterfallSteps,
            label => Assert.True(steps.GetValueOrDefault(label) > 0, $"no accepted command reached the {label} step"));
    }

    [Fact]
    public void Random_sequences_re_send_accepted_commands()
    {
        var duplicates = Tally(step => step.Result.Duplicate ? ["duplicate"] : []);

        Assert.True(duplicates.GetValueOrDefault("duplicate") > 0, "no command came back as a duplicate");
    }

    private static IEnumerable<string> LiquidationLabels(EngineEvent e) => e switch
    {
        LiquidationStarted started => [$"{started.Scope.Kind.ToString().ToLowerInvariant()} liquidation"],
        PositionLiquidated { Partial: true } partial => ["partial liquidation", .. FeeLabels(partial)],
        PositionLiquidated { Fee.IsPositive: true } full => ["full liquidation against the backstop", .. FeeLabels(full)],
        PositionLiquidated other => FeeLabels(other),
        AutoDeleveraged adl => [$"{adl.Scope.Kind.ToString().ToLowerInvariant()} counterparty deleveraged"],
        InsuranceFundChanged { Change.IsNegative: true } => ["gap from the insurance fund"],
        _ => [],
    };

    private static IEnumerable<string> FeeLabels(PositionLiquidated liquidated) =>
        (liquidated.Fee.IsPositive ? ["liquidation fee"] : Array.Empty<string>()).Concat(liquidated.Forfeited.IsPositive ? ["forfeited collateral"] : []);

    /// <summary>Counts the labels of every command of the sample scenarios, and prints the counts.</summary>
    private Dictionary<string, int> Tally(Func<ExecutedCommand, IEnumerable<string>> labels, int sample = Scenarios)
    {
        var counts = new Dictionary<string, int>(StringComparer.Ordinal);
        // Plus a third as many with external liquidation, the only ones that send liquidation fills.
        var scenarios = RandomScenarios.Scenarios.Sample(sample, new Rnd(Seed), 50)
            .Concat(RandomScenarios.ExternalScenarios.Sample(sample / 3, new Rnd(Seed + 1), 50))
            .ToArray();
        output.WriteLine($"{scenarios.Length} scenarios, {scenarios.Sum(s => s.Commands.Count)} commands");
        foreach (var scenario in scenarios)
        {
            foreach (var step in ScenarioRun.Execute(scenario))
            {
                foreach (var key in labels(step))
                {
                    counts[key] = counts.GetValueOrDefault(key) + 1;
                }
            }
        }

        foreach (var (key, count) in counts.OrderBy(c => c.Key, StringComparer.Ordinal))
        {
            output.WriteLine($"{key}: {count}");
        }

        return counts;
    }
}
