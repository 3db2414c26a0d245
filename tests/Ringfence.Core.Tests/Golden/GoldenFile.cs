using System.Runtime.CompilerServices;

namespace Ringfence.Core.Tests.Golden;

/// <summary>
/// Golden outputs: text recorded once from the engine as it was, that a later version must reproduce value for value.
/// The fixtures live in <c>Golden/Fixtures</c> of the calling test project and are copied to its output. Set
/// <c>RINGFENCE_GOLDEN_WRITE=1</c> to record them anew (into the source tree, found from the calling file's path); that
/// is a deliberate act reviewed in the diff, never something a test run does by itself.
/// </summary>
public static class GoldenFile
{
    /// <summary>The environment variable that records the fixtures instead of comparing with them.</summary>
    public const string WriteVariable = "RINGFENCE_GOLDEN_WRITE";

    /// <summary>
    /// Asserts that <paramref name="actual"/> is the fixture <paramref name="name"/>, line for line (the first line that
    /// differs is reported with its number); records it instead when <see cref="WriteVariable"/> is 1.
    /// </summary>
    public static void Verify(string name, string actual, [CallerFilePath] string caller = "")
    {
        ArgumentNullException.ThrowIfNull(actual);
        if (Environment.GetEnvironmentVariable(WriteVariable) == "1")
        {
            var folder = Path.Combine(ProjectFolder(caller), "Golden", "Fixtures");
            Directory.CreateDirectory(folder);
            File.WriteAllText(Path.Combine(folder, name), actual);
            return;
        }

        var path = Path.Combine(AppContext.BaseDirectory, "Golden", "Fixtures", name);
        Assert.True(File.Exists(path), $"no golden fixture {name}: record it with {WriteVariable}=1");
        var expected = File.ReadAllText(path).Split('\n');
        var lines = actual.Split('\n');
        for (var i = 0; i < Math.Min(expected.Length, lines.Length); i++)
        {
            Assert.True(expected[i] == lines[i], $"{name}, line {i + 1} differs from the golden output\nexpected: {expected[i]}\nactual:   {lines[i]}");
        }

        Assert.True(expected.Length == lines.Length, $"{name}: {lines.Length} lines, the golden output has {expected.Length}");
    }

    /// <summary>The folder of the test project that holds <paramref name="sourceFile"/>: the nearest one with a project file.</summary>
    private static string ProjectFolder(string sourceFile)
    {
        for (var folder = Path.GetDirectoryName(sourceFile); folder is not null; folder = Path.GetDirectoryName(folder))
        {
            if (Directory.EnumerateFiles(folder, "*.csproj").Any())
            {
                return folder;
            }
        }

        throw new InvalidOperationException($"no project folder above {sourceFile}");
    }
}
