using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ringfence.Cli;

/// <summary>How the CLI writes JSON meant to be read by people as well as programs.</summary>
internal static class OutputJson
{
    /// <summary>
    /// One line, with <c>' + &lt; &gt; &amp;</c> and non-ASCII text as they are (the default encoder writes
    /// <c>\u0027</c> for an apostrophe, which is for HTML, not a terminal). Control characters are still escaped.
    /// </summary>
    public static JsonSerializerOptions Line { get; } = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
}
