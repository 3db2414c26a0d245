namespace Ringfence.Cli.Tests.Commands.Run;

/// <summary>
/// Lines that are not valid commands: reported with their line number and field, the run going on (the default) or
/// stopping (<c>--on-error stop</c>), exit code 2 either way.
/// </summary>
public sealed class RunLineErrorTests
{
    private const string Malformed = """{"type":"deposit","account":"alice",""";

    private static string[] MalformedInTheMiddle() => ScenarioLines.AfterSetup(
        ScenarioLines.Deposit("\"100\""), // line 7
        Malformed, // line 8
        ScenarioLines.Deposit("\"1\"")); // line 9

    [Fact]
    public void Malformed_Line_Is_Reported_With_Its_Number_And_The_Run_Continues_By_Default()
    {
        using var file = ScenarioFile.Of(MalformedInTheMiddle());

        var output = RunOutput.Of(file.Path);

        Assert.Equal(2, output.Run.ExitCode);
        var error = Assert.Single(output.Errors);
        Assert.Equal(8, error.GetProperty("line").GetInt32());
        Assert.Equal("input", error.Text("field"));
        Assert.StartsWith("malformed JSON", error.Text("message"), StringComparison.Ordinal);
        Assert.Empty(output.EventsOfLine(8));
        Assert.Equal("Deposited", Assert.Single(output.EventsOfLine(9)).Text("type"));
        Assert.Equal("10101", output.Balance("alice", "USDT"));
        Assert.StartsWith("error: line 8: input: malformed JSON", Assert.Single(output.Run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Explicit_On_Error_Continue_Is_The_Default()
    {
        using var file = ScenarioFile.Of(MalformedInTheMiddle());

        Assert.Equal(CliRun.Of(string.Empty, "run", file.Path, "--json"), CliRun.Of(string.Empty, "run", file.Path, "--json", "--on-error", "continue"));
    }

    [Fact]
    public void On_Error_Stop_Stops_At_The_Malformed_Line()
    {
        using var file = ScenarioFile.Of(MalformedInTheMiddle());

        var output = RunOutput.Of(file.Path, "--on-error", "stop");

        Assert.Equal(2, output.Run.ExitCode);
        Assert.Equal(8, Assert.Single(output.Errors).GetProperty("line").GetInt32());
        Assert.Empty(output.EventsOfLine(9));
        Assert.Equal(7, output.Events[^1].GetProperty("line").GetInt32());

        // The state is the one after line 7.
        Assert.Equal("10100", output.Balance("alice", "USDT"));
        Assert.Equal("error: line 8: input: ", Assert.Single(output.Run.ErrorLines)[..22]);
    }

    [Fact]
    public void On_Error_Stop_Without_Errors_Runs_To_The_End()
    {
        using var file = ScenarioFile.Of(ScenarioLines.AfterSetup(ScenarioLines.AliceBuys()));

        var output = RunOutput.Of(file.Path, "--on-error", "stop");

        Assert.Equal(0, output.Run.ExitCode);
        Assert.Empty(output.Errors);
        Assert.NotEmpty(output.EventsOfLine(7));
    }

    [Fact]
    public void Every_Bad_Line_Is_Listed_In_Order()
    {
        using var file = ScenarioFile.Of(ScenarioLines.AfterSetup(Malformed, ScenarioLines.Deposit("\"NaN\""), ScenarioLines.Deposit("\"5\""), "[]"));

        var output = RunOutput.Of(file.Path);

        Assert.Equal([7, 8, 10], output.Errors.Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal(["input", "amount", "input"], output.Errors.Select(e => e.Text("field")));
        Assert.Equal(3, output.Run.ErrorLines.Count);
    }

    public static TheoryData<string, string> BadLines => new()
    {
        // Numbers that are not exact decimals.
        { ScenarioLines.Deposit("\"NaN\""), "amount" },
        { ScenarioLines.Deposit("\"Infinity\""), "amount" },
        { ScenarioLines.Deposit("\"-Infinity\""), "amount" },
        { ScenarioLines.Deposit("\"1e999\""), "amount" },
        { ScenarioLines.Deposit("1e999"), "amount" },
        { ScenarioLines.Deposit("\"99999999999\""), "amount" },
        { ScenarioLines.Deposit("\"0.000000001\""), "amount" },
        { ScenarioLines.Deposit("\"abc\""), "amount" },
        { ScenarioLines.Deposit("true"), "amount" },
        { """{"type":"markPrice","symbol":"BTCUSDT","price":"NaN"}""", "price" },
        { """{"type":"trade","symbol":"BTCUSDT","price":"Infinity","quantity":"1","buyer":{"account":"alice","scope":"isolated","leverage":"50"},"seller":{"account":"mm","scope":"cross"}}""", "price" },
        { """{"type":"trade","symbol":"BTCUSDT","price":"20000","quantity":"1","buyer":{"account":"alice","scope":"isolated","leverage":"1e999"},"seller":{"account":"mm","scope":"cross"}}""", "buyer.leverage" },
        { """{"type":"fundingRate","symbol":"BTCUSDT","rate":"NaN"}""", "rate" },

        // Unknown, missing, repeated fields and unknown choices.
        { """{"type":"deposit","account":"alice","asset":"USDT","amount":"1","colour":"red"}""", "colour" },
        { """{"type":"deposit","account":"alice","asset":"USDT","amount":"1","amount":"2"}""", "amount" },
        { """{"type":"deposit","account":"alice","asset":"USDT"}""", "amount" },
        { """{"type":"trade","symbol":"BTCUSDT","price":"20000","quantity":"1","buyer":{"account":"alice","scope":"isolated","lev":"50"},"seller":{"account":"mm","scope":"cross"}}""", "buyer.lev" },
        { """{"type":"trade","symbol":"BTCUSDT","price":"20000","quantity":"1","buyer":{"account":"alice","scope":"margin"},"seller":{"account":"mm","scope":"cross"}}""", "buyer.scope" },
        { """{"type":"depositt","account":"alice","asset":"USDT","amount":"1"}""", "type" },
        { """{"account":"alice","asset":"USDT","amount":"1"}""", "type" },
        { """{"type":"createAccount","account":"no spaces"}""", "account" },
        { """{"type":"createAccount","account":"carol","time":"yesterday"}""", "time" },
        { """{"type":"listInstrument","symbol":"ETHUSDT","contract":"linear","settleAsset":"USDT","profile":"kraken","tickSize":"0.01","lotSize":"0.01","mmr":"0.01"}""", "profile" },
        { """{"type":"listInstrument","symbol":"ETHUSDT","contract":"linear","settleAsset":"USDT","profile":"bybit","tickSize":"0.01","lotSize":"0.01","tiers":[{"cap":"1000","mmr":"0.02"},{"mmr":"0.01"}]}""", "tiers[1].mmr" },
        { """{"type":"listInstrument","symbol":"ETHUSDT","contract":"linear","settleAsset":"USDT","profile":"bybit","tickSize":"0.01","lotSize":"0.01","tiers":[{"mmr":"0.01","mmf":"0.01"}]}""", "tiers[0].mmf" },
        { """{"type":"listInstrument","symbol":"ETHUSDT","contract":"linear","settleAsset":"USDT","profile":"bybit","tickSize":"0.01","lotSize":"0.01"}""", "tiers" },

        // Not a JSON object.
        { "{", "input" },
        { "[]", "input" },
        { "42", "input" },
        { """{"type":"deposit"} trailing""", "input" },
    };

    [Theory]
    [MemberData(nameof(BadLines))]
    public void Bad_Line_Is_A_Line_Error_Naming_The_Field(string line, string field)
    {
        using var file = ScenarioFile.Of(ScenarioLines.AfterSetup(line));

        var output = RunOutput.Of(file.Path);

        Assert.Equal(2, output.Run.ExitCode);
        var error = Assert.Single(output.Errors);
        Assert.Equal(7, error.GetProperty("line").GetInt32());
        Assert.Equal(field, error.Text("field"));
        Assert.True(error.Text("message").Length > 3, error.Text("message"));
        Assert.Empty(output.EventsOfLine(7));
        Assert.Equal($"error: line 7: {field}: {error.Text("message")}", Assert.Single(output.Run.ErrorLines));
    }

    [Fact]
    public void Unknown_Field_Message_Lists_The_Known_Ones()
    {
        using var file = ScenarioFile.Of("""{"type":"deposit","account":"alice","asset":"USDT","amount":"1","colour":"red"}""");

        var error = Assert.Single(RunOutput.Of(file.Path).Errors);

        Assert.Equal("unknown field (known: type, account, asset, amount, time, id)", error.Text("message"));
    }

    [Fact]
    public void Number_Errors_Quote_The_Core_Parser()
    {
        using var file = ScenarioFile.Of(ScenarioLines.Deposit("\"NaN\""), ScenarioLines.Deposit("\"1e999\""));

        var errors = RunOutput.Of(file.Path).Errors;

        Assert.Equal(["'NaN' is not a decimal number", "'1e999' has an exponent beyond ±100"], errors.Select(e => e.Text("message")));
    }
}
