using Ringfence.Core.Engine;
using Ringfence.Core.Serialization;

namespace Ringfence.Hosting.Tests;

/// <summary>The example scenario files (examples/scenarios) as command lines, and what a plain in-memory engine makes of them.</summary>
internal static class Scenarios
{
    /// <summary>The scenario files' names.</summary>
    public static IReadOnlyList<string> Names { get; } =
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Scenarios"), "*.jsonl").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToList()!;

    /// <summary>The lines of <paramref name="name"/> that are commands (blank and invalid lines left out: a host never journals those).</summary>
    public static IReadOnlyList<string> Commands(string name) =>
        File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Scenarios", name))
            .Where(IsCommand)
            .ToList();

    /// <summary>Every example's commands, one after another.</summary>
    public static IReadOnlyList<string> All() => Names.SelectMany(Commands).ToList();

    /// <summary>The state hash a plain in-memory engine reaches after <paramref name="commands"/>.</summary>
    public static string ReferenceHash(IEnumerable<string> commands)
    {
        var engine = new MarginEngine();
        foreach (var command in commands)
        {
            engine.Execute(CommandJson.Parse(command));
        }

        return engine.Hash();
    }

    private static bool IsCommand(string line)
    {
        if (string.IsNullOrWhiteSpace(line))
        {
            return false;
        }

        try
        {
            CommandJson.Parse(line);
            return true;
        }
        catch (JsonInputException)
        {
            return false;
        }
    }
}
