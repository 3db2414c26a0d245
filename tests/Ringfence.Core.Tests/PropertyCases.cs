using System.Globalization;
using FsCheck;
using FsCheck.Fluent;

namespace Ringfence.Core.Tests;

/// <summary>
/// How many random cases every property runs. Set the environment variable <c>RINGFENCE_PROPERTY_CASES</c>
/// (default 300) to run more, e.g. <c>RINGFENCE_PROPERTY_CASES=100000 dotnet test tests/Ringfence.Core.Tests</c>.
/// A failing property reports its counter-example and the replay seed.
/// </summary>
internal static class PropertyCases
{
    /// <summary>The environment variable that sets the number of cases per property.</summary>
    public const string Variable = "RINGFENCE_PROPERTY_CASES";

    /// <summary>Cases per property when the variable is not set.</summary>
    public const int Default = 300;

    private static readonly Lazy<int> CountFromEnvironment = new(() => Parse(Environment.GetEnvironmentVariable(Variable)));

    /// <summary>Cases per property for this run.</summary>
    public static int Count => CountFromEnvironment.Value;

    /// <summary>
    /// The environment variable that fixes where every property starts drawing: <c>SEED,GAMMA</c> (the pair FsCheck
    /// reports as "Replay directly ... with (SEED,GAMMA,SIZE)"), or <c>SEED,GAMMA,SIZE</c> to replay one failing
    /// case. Unset, every run draws new cases, so two runs of the same code may differ; set it to repeat a run exactly.
    /// </summary>
    public const string SeedVariable = "RINGFENCE_PROPERTY_SEED";

    private static readonly Lazy<Config> Configuration = new(() => WithSeed(
        Config.QuickThrowOnFailure.WithMaxTest(Count).WithQuietOnSuccess(true), Environment.GetEnvironmentVariable(SeedVariable)));

    /// <summary>Runs <paramref name="property"/> (which asserts) on <see cref="Count"/> values drawn from <paramref name="cases"/>.</summary>
    public static void Verify<T>(Gen<T> cases, Action<T> property) =>
        Check.One(Configuration.Value, Prop.ForAll(cases.ToArbitrary(), property));

    private static Config WithSeed(Config config, string? text)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return config;
        }

        var parts = text.Trim().Trim('(', ')').Split(',', StringSplitOptions.TrimEntries);
        if (parts.Length is < 2 or > 3
            || !ulong.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var seed)
            || !ulong.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var gamma)
            || (parts.Length == 3 && !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out _)))
        {
            throw new InvalidOperationException($"{SeedVariable} must be SEED,GAMMA or SEED,GAMMA,SIZE (whole numbers), not '{text}'.");
        }

        var size = parts.Length == 3
            ? Microsoft.FSharp.Core.FSharpOption<int>.Some(int.Parse(parts[2], CultureInfo.InvariantCulture))
            : Microsoft.FSharp.Core.FSharpOption<int>.None;
        return config.WithReplay(Microsoft.FSharp.Core.FSharpOption<Replay>.Some(new Replay(new Rnd(seed, gamma), size)));
    }

    private static int Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Default
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? count
        : throw new InvalidOperationException($"{Variable} must be a positive whole number of cases, not '{text}'.");
}
