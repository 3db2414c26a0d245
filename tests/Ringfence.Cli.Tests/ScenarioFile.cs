namespace Ringfence.Cli.Tests;

/// <summary>A scenario written to a temporary file for one test; deleted when disposed.</summary>
internal sealed class ScenarioFile : IDisposable
{
    private ScenarioFile(string text)
    {
        Path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"ringfence-run-{Guid.NewGuid():N}.jsonl");
        File.WriteAllText(Path, text);
    }

    /// <summary>The file's path.</summary>
    public string Path { get; }

    /// <summary>A file of <paramref name="lines"/>, each followed by a newline.</summary>
    public static ScenarioFile Of(params string[] lines) => new(string.Concat(lines.Select(line => line + "\n")));

    /// <summary>A file holding exactly <paramref name="text"/> (line endings as given).</summary>
    public static ScenarioFile WithText(string text) => new(text);

    /// <inheritdoc/>
    public void Dispose() => File.Delete(Path);
}
