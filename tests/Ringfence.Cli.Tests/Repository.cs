using System.Runtime.CompilerServices;

namespace Ringfence.Cli.Tests;

/// <summary>Files of the checkout the tests were compiled from (the build output may live elsewhere, e.g. --artifacts-path).</summary>
internal static class Repository
{
    /// <summary>The checkout's root: the folder holding Ringfence.sln.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>The path of <c>examples/scenarios/<paramref name="name"/></c>.</summary>
    public static string Scenario(string name) => Path.Combine(Root, "examples", "scenarios", name);

    /// <summary>Every scenario file shipped in <c>examples/scenarios</c>.</summary>
    public static IReadOnlyList<string> Scenarios() =>
        [.. Directory.GetFiles(Path.Combine(Root, "examples", "scenarios"), "*.jsonl").Order(StringComparer.Ordinal)];

    private static string FindRoot([CallerFilePath] string sourceFile = "")
    {
        var directory = new FileInfo(sourceFile).Directory;
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "Ringfence.sln")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException($"Ringfence.sln not found above {sourceFile}.");
    }
}
