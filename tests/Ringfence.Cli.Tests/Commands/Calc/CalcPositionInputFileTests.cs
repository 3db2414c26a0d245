using System.Runtime.CompilerServices;

namespace Ringfence.Cli.Tests.Commands.Calc;

/// <summary><c>--input FILE</c> reads the document from a file instead of standard input.</summary>
public sealed class CalcPositionInputFileTests
{
    [Fact]
    public void Input_File_Gives_The_Same_Output_As_Standard_Input()
    {
        var json = PositionInput.With(("markPrice", "\"97.5\""));
        var path = Path.Combine(Path.GetTempPath(), $"ringfence-cli-{Guid.NewGuid():N}.json");
        File.WriteAllText(path, json);
        try
        {
            var fromFile = CliRun.Of("this standard input is ignored", "calc", "position", "--input", path, "--json");
            var fromStdin = CliRun.Of(json, "calc", "position", "--json");

            Assert.Equal(0, fromFile.ExitCode);
            Assert.Equal(fromStdin, fromFile);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Missing_Input_File_Exits_2_With_One_Line()
    {
        var path = Path.Combine(Path.GetTempPath(), $"ringfence-cli-missing-{Guid.NewGuid():N}.json");

        var run = CliRun.Of(string.Empty, "calc", "position", "--input", path);

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.Equal($"error: input: cannot read '{path}': no such file", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Examples_Shipped_In_The_Repository_Run()
    {
        var examples = Path.Combine(RepositoryRoot(), "examples", "calc");
        foreach (var file in Directory.GetFiles(examples, "*.json"))
        {
            var run = CliRun.Of(string.Empty, "calc", "position", "--input", file, "--json");
            Assert.True(run.ExitCode == 0, $"{Path.GetFileName(file)}: {run.Error}");
        }
    }

    /// <summary>The checkout this test file was compiled from (the build output may live elsewhere, e.g. --artifacts-path).</summary>
    private static string RepositoryRoot([CallerFilePath] string sourceFile = "")
    {
        var directory = new FileInfo(sourceFile).Directory;
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ringfence.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"Ringfence.sln not found above {sourceFile}.");
    }
}
