namespace Ringfence.Cli.Tests.Commands.Run;

/// <summary>A command that repeats an earlier id: the first outcome again, flagged, and no change.</summary>
public sealed class RunDuplicateIdTests
{
    [Fact]
    public void Repeated_Id_Repeats_The_First_Events_Flagged_As_Duplicate_And_Changes_Nothing()
    {
        using var once = ScenarioFile.Of(ScenarioLines.AfterSetup(ScenarioLines.AliceBuys("t-1")));
        using var twice = ScenarioFile.Of(ScenarioLines.AfterSetup(ScenarioLines.AliceBuys("t-1"), ScenarioLines.AliceBuys("t-1")));

        var single = RunOutput.Of(once.Path);
        var repeated = RunOutput.Of(twice.Path);

        Assert.Equal(0, repeated.Run.ExitCode);
        var first = repeated.EventsOfLine(7);
        var again = repeated.EventsOfLine(8);
        Assert.Equal(["TradeExecuted", "PositionOpened", "PositionOpened"], first.Select(e => e.Text("type")));
        Assert.All(again, e => Assert.True(e.GetProperty("duplicate").GetBoolean()));
        Assert.All(first, e => Assert.False(e.TryGetProperty("duplicate", out _)));
        Assert.Equal(first.Select(e => e.Text("type")), again.Select(e => e.Text("type")));
        Assert.Equal(single.State.Text("hash"), repeated.State.Text("hash"));
    }

    [Fact]
    public void Repeated_Id_With_Different_Content_Still_Returns_The_First_Outcome()
    {
        using var file = ScenarioFile.Of(ScenarioLines.AfterSetup(
            """{"type":"deposit","account":"alice","asset":"USDT","amount":"5","id":"d-1"}""",
            """{"type":"deposit","account":"alice","asset":"USDT","amount":"7","id":"d-1"}"""));

        var output = RunOutput.Of(file.Path);

        var again = Assert.Single(output.EventsOfLine(8));
        Assert.Equal("5", again.Text("amount"));
        Assert.True(again.GetProperty("duplicate").GetBoolean());
        Assert.Equal("10005", output.Balance("alice", "USDT"));
    }

    [Fact]
    public void Id_Of_A_Rejected_Command_Is_Not_Remembered()
    {
        using var file = ScenarioFile.Of(ScenarioLines.AfterSetup(
            """{"type":"withdraw","account":"alice","asset":"USDT","amount":"20000","id":"w-1"}""",
            """{"type":"withdraw","account":"alice","asset":"USDT","amount":"20","id":"w-1"}"""));

        var output = RunOutput.Of(file.Path);

        Assert.Equal("CommandRejected", Assert.Single(output.EventsOfLine(7)).Text("type"));
        var retried = Assert.Single(output.EventsOfLine(8));
        Assert.Equal("Withdrawn", retried.Text("type"));
        Assert.False(retried.TryGetProperty("duplicate", out _));
    }
}
