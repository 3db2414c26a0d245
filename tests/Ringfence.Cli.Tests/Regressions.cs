namespace Ringfence.Cli.Tests;

/// <summary>Scenarios that once broke the CLI, shared with the Core suite's regressions (Fuzz/Corpus/Regressions).</summary>
internal static class Regressions
{
    /// <summary>
    /// Issue 9, case 3: two cross positions under external liquidation; the last mark deleverages a position that an
    /// earlier deleveraging in the same mark had already closed (a KeyNotFoundException before the fix).
    /// </summary>
    public static string ExternalCrossLiquidation => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus", "Regressions", "external-cross-liquidation.jsonl"));
}
