using System.Text.Json;

namespace Ringfence.Cli.Calc;

/// <summary>Names JSON value kinds the way an error message wants them.</summary>
internal static class JsonKinds
{
    /// <summary>"a boolean", "an array", … for <paramref name="kind"/>.</summary>
    public static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "an undefined value",
    };
}
