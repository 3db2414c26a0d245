using Ringfence.Cli.Run;
using Ringfence.Core.Tests.Engine;

namespace Ringfence.Cli.Tests.Commands.Run;

/// <summary>
/// Input that used to crash <c>run</c> and lose the whole run (issue 9), and the engine's fault policy as the run
/// reports it: a faulting command is rolled back, listed under <c>faults</c>, and the run goes on or stops.
/// </summary>
public sealed class RunHostileInputTests
{
    [Theory]
    [InlineData("\"1e-2147483648\"", "amount", "'1e-2147483648' has an exponent beyond ±100")]
    [InlineData("\"\\ud800\"", "amount", "the value is not valid text (an escape such as \\ud800 that is half of a UTF-16 surrogate pair)")]
    [InlineData("1e-2147483648", "amount", "'1e-2147483648' has an exponent beyond ±100")]
    public void A_hostile_number_is_a_line_error_and_the_lines_after_it_still_run(string amountJson, string field, string message)
    {
        using var file = ScenarioFile.Of(ScenarioLines.AfterSetup(ScenarioLines.Deposit(amountJson), ScenarioLines.Deposit("\"1\"")));

        var output = RunOutput.Of(file.Path);

        Assert.Equal(2, output.Run.ExitCode);
        var error = Assert.Single(output.Errors);
        Assert.Equal(7, error.GetProperty("line").GetInt32());
        Assert.Equal(field, error.Text("field"));
        Assert.Equal(message, error.Text("message"));
        Assert.Equal("10001", output.Balance("alice", "USDT"));
    }

    [Fact]
    public void A_million_digit_number_is_refused_at_once_with_a_short_message()
    {
        using var file = ScenarioFile.Of(ScenarioLines.AfterSetup(ScenarioLines.Deposit($"\"{new string('9', 1_000_000)}\"")));

        var output = RunOutput.Of(file.Path);

        var message = Assert.Single(output.Errors).Text("message");
        Assert.Equal($"'{new string('9', 40)}…' (1000000 characters) is longer than the 64 characters a number may have", message);
        Assert.True(output.Run.Error.Length < 300, $"{output.Run.Error.Length} characters on standard error");
    }

    [Fact]
    public void The_external_cross_liquidation_scenario_runs_to_the_end_without_a_fault()
    {
        using var file = ScenarioFile.WithText(Regressions.ExternalCrossLiquidation);

        var output = RunOutput.Of(file.Path);

        Assert.True(output.Run.ExitCode == 0, output.Run.Error);
        Assert.Empty(output.Json.GetProperty("faults").EnumerateArray());
        Assert.DoesNotContain(output.EventsOfLine(16), e => e.Text("type") == "CommandRejected");
    }

    [Fact]
    public void A_faulting_command_is_rolled_back_reported_and_the_run_goes_on()
    {
        var outcome = ScenarioRunner.Run(FaultingScenario, ErrorPolicy.Continue, FaultyPodModel.Throwing());

        var fault = Assert.Single(outcome.Faults);
        Assert.Equal(9, fault.Line);
        Assert.Equal("InvalidOperationException: injected", fault.Reason);
        Assert.Equal("line 9: engine fault (INTERNAL_ERROR): InvalidOperationException: injected", fault.ToString());
        Assert.Contains(outcome.Events, e => e.Line == 9 && e.Event is Core.Engine.Events.CommandRejected { Code: "INTERNAL_ERROR" });
        Assert.Contains(outcome.Events, e => e.Line == 10 && e.Event is Core.Engine.Events.Deposited);
        Assert.Null(outcome.StoppedAtLine);
        Assert.Empty(outcome.State.Positions);
        Assert.Single(ScenarioJsonWriter.ToJson(outcome)["faults"]!.AsArray());
    }

    [Fact]
    public void Under_on_error_stop_the_run_stops_at_the_faulting_command()
    {
        var outcome = ScenarioRunner.Run(FaultingScenario, ErrorPolicy.Stop, FaultyPodModel.Throwing());

        Assert.Equal(9, outcome.StoppedAtLine);
        Assert.DoesNotContain(outcome.Events, e => e.Line == 10);
    }

    // Lines 1–8 set up a pod; line 9 trades into it (the faulty model throws); line 10 is a plain deposit.
    private static string FaultingScenario => string.Join('\n', ScenarioLines.AfterSetup(
        """{"type":"createPod","account":"alice","pod":"hedge"}""",
        """{"type":"fundPod","account":"alice","pod":"hedge","asset":"USDT","amount":"1500"}""",
        """{"type":"trade","symbol":"BTCUSDT","price":"20000","quantity":"0.5","buyer":{"account":"alice","scope":"pod:hedge","leverage":"20"},"seller":{"account":"mm","scope":"cross"}}""",
        ScenarioLines.Deposit("\"1\"")));
}

