using System.Text.Json;

namespace Ringfence.Cli.Tests.Commands.Run;

/// <summary>The default, human-readable rendering of <c>ringfence run</c>.</summary>
public sealed class RunTextOutputTests
{
    [Fact]
    public void Text_Shows_Events_Positions_With_Their_Prices_And_The_Hash()
    {
        var path = Repository.Scenario("isolated-vs-cross.jsonl");

        var run = CliRun.Of(string.Empty, "run", path);

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        using var json = JsonDocument.Parse(CliRun.Of(string.Empty, "run", path, "--json").Out);
        var hash = json.RootElement.GetProperty("state").Text("hash");
        Assert.Contains($"State hash: {hash}", run.Out, StringComparison.Ordinal);

        string[] expected =
        [
            "Events", "PositionOpened", "TradeExecuted (duplicate id)", "REMOVE_EXCEEDS_MAX: at most 5 ", "MarginAdded",
            "Positions", "Position risk", "Liq.", "Bankruptcy", "650", "19450", "19350", "pod:basis", "22901.9",
            "Accounts", "alice-hedge", "Pods", "basis", "Insurance funds", "Audit", "1009000",
        ];
        foreach (var text in expected)
        {
            Assert.Contains(text, run.FlatOut, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Position_Rows_Hold_Their_Figures_In_Column_Order()
    {
        var run = CliRun.Of(string.Empty, "run", Repository.Scenario("isolated-vs-cross.jsonl"));

        // The position is named over three lines (account, symbol, scope); its figures sit on the first.
        var lines = run.Out.Split('\n');
        var rows = Enumerable.Range(0, lines.Length - 2)
            .Where(i => Cells(lines[i]) is ["alice", ..] && Cells(lines[i + 1]) is ["BTCUSDT", ..] && Cells(lines[i + 2]) is ["isolated", ..])
            .Select(i => Cells(lines[i]))
            .ToList();

        Assert.Equal(2, rows.Count);
        Assert.Equal(["alice", "long", "1", "20000", "50", "650", "USDT"], rows[0]);
        Assert.Equal(["alice", "19750", "-250", "100", "19450", "19350"], rows[1]);
    }

    [Theory]
    [InlineData("isolated-vs-cross.jsonl", 80)]
    [InlineData("crash-liquidation.jsonl", 80)]
    [InlineData("inverse-and-pods.jsonl", 80)]
    [InlineData("isolated-vs-cross.jsonl", 120)]
    [InlineData("crash-liquidation.jsonl", 60)]
    public void Every_Line_Fits_The_Width_And_No_Figure_Is_Folded_At_80(string scenario, int columns)
    {
        var path = Repository.Scenario(scenario);

        var run = CliRun.Of(string.Empty, columns, "run", path);

        Assert.Equal(0, run.ExitCode);
        var lines = run.Out.Split('\n');
        Assert.All(lines, line => Assert.True(line.Length <= columns, $"{line.Length} characters: {line}"));
        if (columns >= 80)
        {
            // Every figure of the state appears whole in some cell: a number split over two lines would read as two.
            using var json = System.Text.Json.JsonDocument.Parse(CliRun.Of(string.Empty, "run", path, "--json").Out);
            var cells = lines.SelectMany(Cells).ToHashSet(StringComparer.Ordinal);
            foreach (var position in json.RootElement.GetProperty("state").GetProperty("positions").EnumerateArray())
            {
                foreach (var field in new[] { "quantity", "entryPrice", "margin", "unrealizedPnl", "maintenanceMargin" })
                {
                    Assert.Contains(position.Text(field), cells);
                }
            }
        }
    }

    private static string[] Cells(string line) => line.Split('│', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    [Fact]
    public void Text_Has_No_Escape_Codes_And_Is_Deterministic()
    {
        var path = Repository.Scenario("inverse-and-pods.jsonl");

        var first = CliRun.Of(string.Empty, "run", path);
        var second = CliRun.Of(string.Empty, "run", path);

        Assert.DoesNotContain('\u001b', first.Out);
        Assert.Equal(first, second);
    }

    [Fact]
    public void Line_Errors_Go_To_Standard_Error_And_A_Summary_Closes_The_Output()
    {
        using var file = ScenarioFile.Of(ScenarioLines.AfterSetup("{", ScenarioLines.Deposit("\"1\"")));

        var run = CliRun.Of(string.Empty, "run", file.Path, "--on-error", "stop");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: line 7: input: malformed JSON", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
        Assert.Contains("Line errors: 1 (listed on standard error); the run stopped at line 7 (--on-error stop).", run.FlatOut, StringComparison.Ordinal);
        Assert.Contains("Positions: none", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_That_Looks_Like_Markup_Is_Printed_Verbatim()
    {
        // Input is data; "[red]" in it must reach the reader as written, never as a style.
        using var file = ScenarioFile.Of("""{"type":"markPrice","symbol":"[red]X[/]","price":"1"}""", """{"type":"markPrice","symbol":"X","price":"1"}""");

        var run = CliRun.Of(string.Empty, "run", file.Path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal("error: line 1: symbol: '[red]X[/]' is not a symbol (1-32 of A-Z a-z 0-9 - _ .)", Assert.Single(run.ErrorLines));
        Assert.Contains("no instrument 'X'", run.Out, StringComparison.Ordinal);
    }
}
