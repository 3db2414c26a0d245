using System.Text.Json;
using Ringfence.Core.Numerics;

namespace Ringfence.Cli.Tests;

/// <summary>Assertions on the <c>calc position --json</c> object.</summary>
internal static class ReportAssertions
{
    /// <summary>The decimal string of a field.</summary>
    public static string Text(this JsonElement report, string field)
    {
        var value = report.GetProperty(field);
        Assert.Equal(JsonValueKind.String, value.ValueKind);
        return value.GetString()!;
    }

    /// <summary>Asserts a price field is within <paramref name="tolerance"/> of <paramref name="expected"/>, exactly.</summary>
    public static void AssertNear(this JsonElement report, string field, string expected, string tolerance = "0.01")
    {
        var actual = Price.Parse(report.Text(field));
        var difference = Math.Abs(actual.Units - Price.Parse(expected).Units);
        Assert.True(difference <= Price.Parse(tolerance).Units, $"{field}: expected {expected} ± {tolerance}, got {actual}");
    }
}
