using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Nodes;
using Ringfence.Core.Serialization;

namespace Ringfence.Cli.Run;

/// <summary>
/// Renders a <see cref="ScenarioOutcome"/> as one JSON object (<c>--json</c>): <c>events</c> (each event's
/// <see cref="EventJson"/> object after its <c>line</c>, with <c>duplicate: true</c> for a repeated id),
/// <c>state</c> (<see cref="StateJson"/>) and <c>errors</c> (<c>{ line, field, message }</c>) and <c>faults</c> (<c>{ line, reason }</c>: commands
/// that made the engine fault, rejected with <c>INTERNAL_ERROR</c>).
/// </summary>
internal static class ScenarioJsonWriter
{
    // Relaxed escaping keeps "USDⓈ" and "/" readable; the output is never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>The JSON object of <paramref name="outcome"/>.</summary>
    public static JsonObject ToJson(ScenarioOutcome outcome)
    {
        ArgumentNullException.ThrowIfNull(outcome);
        var events = new JsonArray();
        foreach (var lineEvent in outcome.Events)
        {
            events.Add(EventObject(lineEvent));
        }

        var errors = new JsonArray();
        foreach (var error in outcome.Errors)
        {
            errors.Add(new JsonObject { ["line"] = error.Line, ["field"] = error.Field, ["message"] = error.Message });
        }

        var faults = new JsonArray();
        foreach (var fault in outcome.Faults)
        {
            faults.Add(new JsonObject { ["line"] = fault.Line, ["reason"] = fault.Reason });
        }

        return new JsonObject { ["events"] = events, ["state"] = StateJson.ToJson(outcome.State), ["errors"] = errors, ["faults"] = faults };
    }

    /// <summary>Writes the object followed by a newline.</summary>
    public static void Write(ScenarioOutcome outcome, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            ToJson(outcome).WriteTo(writer);
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static JsonObject EventObject(LineEvent lineEvent)
    {
        var json = new JsonObject { ["line"] = lineEvent.Line };
        foreach (var (name, value) in EventJson.ToJson(lineEvent.Event))
        {
            json[name] = value?.DeepClone();
        }

        if (lineEvent.Duplicate)
        {
            json["duplicate"] = true;
        }

        return json;
    }
}
