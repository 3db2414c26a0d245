namespace Ringfence.Cli.Tests;

/// <summary>The command tree and the command-line errors that come before any input is read.</summary>
public sealed class CliApplicationTests
{
    [Theory]
    [InlineData("")]
    [InlineData("calc")]
    [InlineData("calc positions")]
    [InlineData("calc position --jsn")]
    [InlineData("calc position --input")]
    [InlineData("calc position extra")]
    public void Command_Line_Errors_Exit_2_With_One_Line(string commandLine)
    {
        var run = CliRun.Of(PositionInput.With(), commandLine.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.StartsWith("error: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("frobnicate", "error: unknown command or option 'frobnicate' (see 'ringfence --help')")]
    [InlineData("calc frob", "error: unknown command or option 'frob' (see 'ringfence --help')")]
    [InlineData("run file.jsonl --bogus", "error: unknown command or option '--bogus' (see 'ringfence --help')")]
    public void An_Unknown_Command_Or_Option_Is_Named(string commandLine, string expected)
    {
        var run = CliRun.Of(string.Empty, commandLine.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(expected, Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Help_Lists_The_Options_And_Exits_0()
    {
        var run = CliRun.Of(string.Empty, "calc", "position", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--input", run.Out, StringComparison.Ordinal);
        Assert.Contains("--json", run.Out, StringComparison.Ordinal);
    }
}
