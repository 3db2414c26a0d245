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

    /// <summary>Runs <paramref name="property"/> (which asserts) on <see cref="Count"/> values drawn from <paramref name="cases"/>.</summary>
    public static void Verify<T>(Gen<T> cases, Action<T> property) =>
        Check.One(Config.QuickThrowOnFailure.WithMaxTest(Count).WithQuietOnSuccess(true), Prop.ForAll(cases.ToArbitrary(), property));

    private static int Parse(string? text) =>
        string.IsNullOrWhiteSpace(text) ? Default
        : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var count) && count > 0 ? count
        : throw new InvalidOperationException($"{Variable} must be a positive whole number of cases, not '{text}'.");
}
