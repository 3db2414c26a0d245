using System.Text.Json;

namespace Ringfence.Cli.Tests;

/// <summary>One in-process run of the CLI: exit code and everything written to the two output streams.</summary>
internal sealed record CliRun(int ExitCode, string Out, string Error)
{
    /// <summary>Runs <c>ringfence</c> with <paramref name="args"/>, feeding <paramref name="stdin"/> to standard input.</summary>
    public static CliRun Of(string stdin, params string[] args) => Of(stdin, TerminalWidth.Default, args);

    /// <summary>Runs <c>ringfence</c> with <paramref name="args"/> and tables folded to <paramref name="columns"/>.</summary>
    public static CliRun Of(string stdin, int columns, params string[] args)
    {
        using var input = new StringReader(stdin);
        using var output = new StringWriter();
        using var error = new StringWriter();
        var exitCode = CliApplication.Run(args, input, output, error, columns);
        return new CliRun(exitCode, output.ToString(), error.ToString());
    }

    /// <summary>Runs <c>calc position --json</c> on <paramref name="json"/> and returns the parsed object; fails on any error.</summary>
    public static JsonElement PositionJson(string json)
    {
        var run = Of(json, "calc", "position", "--json");
        Assert.True(run.ExitCode == 0, $"exit {run.ExitCode}: {run.Error}");
        Assert.Equal(string.Empty, run.Error);
        using var document = JsonDocument.Parse(run.Out);
        return document.RootElement.Clone();
    }

    /// <summary>
    /// Standard output with every run of spaces and line breaks made one space: sentences read whole however the
    /// output was folded to the width.
    /// </summary>
    public string FlatOut => string.Join(' ', Out.Split((char[])['\n', '\r', ' '], StringSplitOptions.RemoveEmptyEntries));

    /// <summary>Lines written to standard error, without the trailing empty one.</summary>
    public IReadOnlyList<string> ErrorLines => Error.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
}
