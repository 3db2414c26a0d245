namespace Ringfence.Cli.Tests.Commands.Run;

/// <summary>
/// Commands the engine refuses are not line errors: each is one <c>CommandRejected</c> event with a code and a reason,
/// it changes nothing, and the run exits 0.
/// </summary>
public sealed class RunRejectionTests
{
    public static TheoryData<string, string> Rejected => new()
    {
        { """{"type":"deposit","account":"nobody","asset":"USDT","amount":"1"}""", "UNKNOWN_ACCOUNT" },
        { """{"type":"markPrice","symbol":"ETHUSDT","price":"1"}""", "UNKNOWN_INSTRUMENT" },
        { """{"type":"fundingRate","symbol":"ETHUSDT","rate":"0.0001"}""", "UNKNOWN_INSTRUMENT" },
        { ScenarioLines.Deposit("\"0\""), "INVALID_VALUE" },
        { ScenarioLines.Deposit("\"-5\""), "INVALID_VALUE" },
        { """{"type":"withdraw","account":"alice","asset":"USDT","amount":"-1"}""", "INVALID_VALUE" },
        { """{"type":"withdraw","account":"alice","asset":"USDT","amount":"10000.01"}""", "INSUFFICIENT_BALANCE" },
        { """{"type":"markPrice","symbol":"BTCUSDT","price":"0"}""", "INVALID_VALUE" },
        { """{"type":"markPrice","symbol":"BTCUSDT","price":"-20000"}""", "INVALID_VALUE" },
        { """{"type":"createAccount","account":"alice"}""", "DUPLICATE_ACCOUNT" },
        { """{"type":"transfer","from":"alice","to":"mm","asset":"USDT","amount":"1"}""", "NOT_RELATED" },
        { """{"type":"addMargin","account":"alice","symbol":"BTCUSDT","amount":"10"}""", "UNKNOWN_POSITION" },
        { """{"type":"trade","symbol":"BTCUSDT","price":"20000.05","quantity":"1","buyer":{"account":"alice","scope":"isolated","leverage":"50"},"seller":{"account":"mm","scope":"cross"}}""", "OFF_INCREMENT" },
        { """{"type":"trade","symbol":"BTCUSDT","price":"20000","quantity":"1","buyer":{"account":"alice","scope":"isolated","leverage":"200"},"seller":{"account":"mm","scope":"cross"}}""", "LEVERAGE_ABOVE_TIER_MAX" },
        { """{"type":"trade","symbol":"BTCUSDT","price":"20000","quantity":"1","buyer":{"account":"alice","scope":"isolated"},"seller":{"account":"mm","scope":"cross"}}""", "MARGIN_SPECIFICATION" },
        { """{"type":"trade","symbol":"BTCUSDT","price":"20000","quantity":"10","buyer":{"account":"alice","scope":"isolated","leverage":"10"},"seller":{"account":"mm","scope":"cross"}}""", "INSUFFICIENT_BALANCE" },
        { """{"type":"deposit","account":"alice","asset":"USDT","amount":"92233720368"}""", "OVERFLOW" },
    };

    [Theory]
    [MemberData(nameof(Rejected))]
    public void Engine_Rejection_Is_A_CommandRejected_Event_With_Code_And_Reason(string line, string code)
    {
        using var file = ScenarioFile.Of(ScenarioLines.AfterSetup(line));
        using var setupOnly = ScenarioFile.Of(ScenarioLines.Setup);

        var output = RunOutput.Of(file.Path);

        Assert.Equal(0, output.Run.ExitCode);
        Assert.Equal(string.Empty, output.Run.Error);
        Assert.Empty(output.Errors);
        var rejected = Assert.Single(output.EventsOfLine(7));
        Assert.Equal("CommandRejected", rejected.Text("type"));
        Assert.Equal(code, rejected.Text("code"));
        Assert.True(rejected.Text("reason").Length > 5, rejected.Text("reason"));

        // The rejected command changed nothing.
        Assert.Equal(RunOutput.Of(setupOnly.Path).State.Text("hash"), output.State.Text("hash"));
    }

    [Fact]
    public void Removing_More_Margin_Than_Allowed_Is_Rejected_And_Leaves_The_Margin()
    {
        using var file = ScenarioFile.Of(ScenarioLines.AfterSetup(
            ScenarioLines.AliceBuys(),
            """{"type":"removeMargin","account":"alice","symbol":"BTCUSDT","amount":"0.01"}"""));

        var output = RunOutput.Of(file.Path);

        // A 50× position holds exactly its initial margin at entry: nothing can be removed.
        var rejected = Assert.Single(output.EventsOfLine(8));
        Assert.Equal("REMOVE_EXCEEDS_MAX", rejected.Text("code"));
        Assert.Equal("at most 0 can be removed from alice/BTCUSDT/isolated, not 0.01", rejected.Text("reason"));
        Assert.Equal("400", output.Position("alice", "BTCUSDT").Text("margin"));
    }

    [Fact]
    public void Rejections_Do_Not_Stop_The_Run_Even_With_On_Error_Stop()
    {
        using var file = ScenarioFile.Of(ScenarioLines.AfterSetup(ScenarioLines.Deposit("\"0\""), ScenarioLines.Deposit("\"5\"")));

        var output = RunOutput.Of(file.Path, "--on-error", "stop");

        Assert.Equal(0, output.Run.ExitCode);
        Assert.Equal("CommandRejected", Assert.Single(output.EventsOfLine(7)).Text("type"));
        Assert.Equal("Deposited", Assert.Single(output.EventsOfLine(8)).Text("type"));
    }
}
