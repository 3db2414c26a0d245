namespace Ringfence.Cli.Tests.Commands.Run;

/// <summary>How the scenario file is read: comments, blank lines, line endings, standard input, a missing file.</summary>
public sealed class RunInputTests
{
    [Fact]
    public void Comments_And_Blank_Lines_Are_Skipped_But_Counted()
    {
        using var file = ScenarioFile.Of(
            "// a comment",
            """{"type":"createAccount","account":"alice"}""",
            string.Empty,
            "   # another comment",
            "   ",
            """  {"type":"createAccount","account":"bob"}""",
            "{");

        var output = RunOutput.Of(file.Path);

        Assert.Equal([2, 6], output.Events.Select(e => e.GetProperty("line").GetInt32()));
        Assert.Equal(7, Assert.Single(output.Errors).GetProperty("line").GetInt32());
    }

    [Fact]
    public void Crlf_Line_Endings_Read_Like_Lf()
    {
        var lines = ScenarioLines.AfterSetup(ScenarioLines.AliceBuys(), "{");
        using var lf = ScenarioFile.WithText(string.Join("\n", lines));
        using var crlf = ScenarioFile.WithText(string.Join("\r\n", lines) + "\r\n");

        Assert.Equal(CliRun.Of(string.Empty, "run", lf.Path, "--json"), CliRun.Of(string.Empty, "run", crlf.Path, "--json"));
    }

    [Fact]
    public void Empty_File_Gives_An_Empty_State()
    {
        using var file = ScenarioFile.WithText(string.Empty);

        var output = RunOutput.Of(file.Path);

        Assert.Equal(0, output.Run.ExitCode);
        Assert.Empty(output.Events);
        Assert.Empty(output.Errors);
        Assert.Empty(output.State.GetProperty("positions").EnumerateArray());
        Assert.Matches("^[0-9a-f]{64}$", output.State.Text("hash"));
    }

    [Fact]
    public void Dash_Reads_Standard_Input()
    {
        var lines = ScenarioLines.AfterSetup(ScenarioLines.AliceBuys());
        using var file = ScenarioFile.Of(lines);

        var fromStdin = CliRun.Of(string.Join('\n', lines), "run", "-", "--json");

        Assert.Equal(CliRun.Of(string.Empty, "run", file.Path, "--json"), fromStdin);
    }

    [Fact]
    public void Missing_File_Exits_2_With_One_Line_And_No_Output()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ringfence-run-missing-{Guid.NewGuid():N}.jsonl");

        var run = CliRun.Of(string.Empty, "run", path, "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Equal($"error: input: cannot read '{path}': no such file", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Directory_Instead_Of_A_File_Exits_2_With_One_Line()
    {
        var run = CliRun.Of(string.Empty, "run", Path.GetTempPath());

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.StartsWith("error: input: cannot read ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("run")]
    [InlineData("run a.jsonl b.jsonl")]
    [InlineData("run a.jsonl --on-error maybe")]
    [InlineData("run a.jsonl --on-error")]
    [InlineData("run a.jsonl --jsn")]
    public void Command_Line_Errors_Exit_2_With_One_Line(string commandLine)
    {
        var run = CliRun.Of(string.Empty, commandLine.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.StartsWith("error: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Help_Lists_The_Options_And_Exits_0()
    {
        var run = CliRun.Of(string.Empty, "run", "--help");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("--json", run.Out, StringComparison.Ordinal);
        Assert.Contains("--on-error", run.Out, StringComparison.Ordinal);
        Assert.Contains("FILE", run.Out, StringComparison.Ordinal);
    }
}
