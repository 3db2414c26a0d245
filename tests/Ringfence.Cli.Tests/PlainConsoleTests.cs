using Spectre.Console;

namespace Ringfence.Cli.Tests;

/// <summary>Widgets written as plain text: within the width, no escape codes, no trailing spaces, data verbatim.</summary>
public sealed class PlainConsoleTests
{
    [Theory]
    [InlineData(40)]
    [InlineData(80)]
    [InlineData(200)]
    public void A_Table_Wider_Than_The_Width_Is_Folded_Within_It(int columns)
    {
        var table = new Table().AddColumn("Name").AddColumn(new TableColumn("Description").RightAligned());
        for (var i = 0; i < 5; i++)
        {
            table.AddRow(new Text($"row-{i}"), new Text(string.Join(' ', Enumerable.Repeat($"word{i}", 60))));
        }

        var lines = Render(columns, console => console.Write(table));

        Assert.True(lines.Length > 10, "the table was written");
        Assert.All(lines, line => Assert.True(line.Length <= columns, $"{line.Length} > {columns}: {line}"));
        Assert.Contains(lines, line => line.Contains("row-4", StringComparison.Ordinal));
    }

    [Fact]
    public void Output_Has_No_Escape_Codes_And_No_Trailing_Spaces()
    {
        var table = new Table { Title = new TableTitle("Title", new Style(Color.Red, decoration: Decoration.Bold)) };
        table.AddColumn(new TableColumn(new Markup("[bold red]Styled[/]")));
        table.AddRow(new Markup("[underline green]cell[/]"));

        var lines = Render(80, console =>
        {
            console.Write(table);
            console.WriteLine("a line");
        });

        Assert.All(lines, line =>
        {
            Assert.DoesNotContain('\u001b', line);
            Assert.False(line.EndsWith(' '), $"trailing space: '{line}'");
        });
        Assert.Contains(lines, line => line.Contains("Styled", StringComparison.Ordinal));
        Assert.Equal("a line", lines[^1]);
    }

    [Fact]
    public void Text_Is_Written_As_Data_And_Wrapped_At_Words()
    {
        var text = "[red]not a style[/] " + string.Join(' ', Enumerable.Repeat("fold", 30));

        var lines = Render(40, console => console.WriteLine(text));

        Assert.StartsWith("[red]not a style[/]", lines[0], StringComparison.Ordinal);
        Assert.All(lines, line => Assert.True(line.Length <= 40, line));
        Assert.Equal(text, string.Join(' ', lines));
    }

    [Fact]
    public void A_Width_Below_The_Minimum_Is_Refused() =>
        Assert.Throws<ArgumentOutOfRangeException>(() => new PlainConsole(TextWriter.Null, TerminalWidth.Minimum - 1));

    private static string[] Render(int columns, Action<PlainConsole> write)
    {
        using var output = new StringWriter();
        write(new PlainConsole(output, columns));
        return output.ToString().Split(Environment.NewLine).SkipLast(1).ToArray();
    }
}
