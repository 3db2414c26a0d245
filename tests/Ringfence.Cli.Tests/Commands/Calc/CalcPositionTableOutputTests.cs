namespace Ringfence.Cli.Tests.Commands.Calc;

/// <summary>The default, human-readable rendering of <c>calc position</c>.</summary>
public sealed class CalcPositionTableOutputTests
{
    private const string BybitLong = """
        { "profile": "bybit", "contract": "linear", "side": "long", "quantity": "1", "entryPrice": "20000",
          "markPrice": "19850", "leverage": "50", "mmr": "0.005" }
        """;

    [Fact]
    public void Table_Shows_Every_Figure_With_Its_Label()
    {
        var run = CliRun.Of(BybitLong, "calc", "position");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        string[] expected =
        [
            "Initial margin", "400", "Maintenance margin", "100", "Liquidation price", "19700", "Bankruptcy price", "19600",
            "Margin ratio", "0.4", "Unrealized PnL", "-150", "Equity", "250", "Liquidatable", "Max removable margin",
            "Max quantity", "Tier at liquidation",
        ];
        foreach (var text in expected)
        {
            Assert.Contains(text, run.Out, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void Table_Is_Followed_By_The_Explanation()
    {
        var run = CliRun.Of(BybitLong, "calc", "position");

        var flat = string.Join(' ', run.Out.Split((char[])['\n', ' '], StringSplitOptions.RemoveEmptyEntries));
        Assert.Contains("Bybit classic account", flat, StringComparison.Ordinal);
        Assert.Contains("Maintenance valued at the entry price 20000 (fixed when opened): tier 1 (MMR 0.005, maintenance amount 0).", flat, StringComparison.Ordinal);
        Assert.Contains("Margin ratio = maintenance margin / equity", flat, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(80)]
    [InlineData(40)]
    public void Table_And_Explanation_Fit_The_Width(int columns)
    {
        var run = CliRun.Of(BybitLong, columns, "calc", "position");

        Assert.Equal(0, run.ExitCode);
        Assert.All(run.Out.Split('\n'), line => Assert.True(line.Length <= columns, $"{line.Length}: {line}"));
    }

    [Fact]
    public void Table_Has_No_Escape_Codes()
    {
        var run = CliRun.Of(BybitLong, "calc", "position");
        Assert.DoesNotContain('\u001b', run.Out);
    }

    [Fact]
    public void Table_Shows_None_Where_There_Is_No_Liquidation_Price()
    {
        var run = CliRun.Of(PositionInput.With(("leverage", "1"), ("mmr", "0")), "calc", "position");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("none", run.Out, StringComparison.Ordinal);
    }

    [Fact]
    public void Text_That_Looks_Like_Markup_Is_Printed_Verbatim()
    {
        // Profile titles and explanations are data; Spectre must not read "[...]" in them as a style.
        var run = CliRun.Of(PositionInput.With(("profile", "\"okx\""), ("markPrice", "\"90\"")), "calc", "position");
        Assert.Equal(0, run.ExitCode);
        Assert.Contains("OKX isolated margin", run.Out, StringComparison.Ordinal);
    }
}
