namespace Ringfence.Cli.Tests;

/// <summary>How wide tables are: <c>COLUMNS</c>, else the terminal, else 80, within bounds.</summary>
public sealed class TerminalWidthTests
{
    [Theory]
    [InlineData(null, null, 80)]
    [InlineData(null, 132, 132)]
    [InlineData("100", 132, 100)]
    [InlineData("100", null, 100)]
    [InlineData("wide", 132, 132)]
    [InlineData("wide", null, 80)]
    [InlineData(" 90", null, 80)]
    [InlineData("-90", null, 80)]
    [InlineData("", 0, 80)]
    [InlineData("10", null, TerminalWidth.Minimum)]
    [InlineData(null, 12, TerminalWidth.Minimum)]
    [InlineData("99999999", null, TerminalWidth.Maximum)]
    [InlineData("99999999999999999999", null, 80)]
    public void Columns_Come_From_The_Environment_Then_The_Terminal_Then_80(string? columns, int? terminal, int expected) =>
        Assert.Equal(expected, TerminalWidth.Choose(columns, terminal));
}
