using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace Ringfence.Cli.Calc;

/// <summary>Renders a <see cref="PositionReport"/> as one JSON object (<c>--json</c>).</summary>
internal static class PositionReportJsonWriter
{
    // Relaxed escaping keeps "USDⓈ" and "/" readable; the output is never embedded in HTML.
    private static readonly JsonWriterOptions Options = new() { Indented = true, Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <summary>Writes the object followed by a newline.</summary>
    public static void Write(PositionReport report, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(report);
        ArgumentNullException.ThrowIfNull(output);
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            foreach (var field in PositionReportFields.Of(report))
            {
                WriteValue(writer, field);
            }

            writer.WriteString("explanation", report.Explanation);
            writer.WriteEndObject();
        }

        output.WriteLine(Encoding.UTF8.GetString(buffer.ToArray()));
    }

    private static void WriteValue(Utf8JsonWriter writer, ReportField field)
    {
        switch (field.Value)
        {
            case null:
                writer.WriteNull(field.Name);
                break;
            case int number:
                writer.WriteNumber(field.Name, number);
                break;
            case bool flag:
                writer.WriteBoolean(field.Name, flag);
                break;
            default:
                writer.WriteString(field.Name, field.Value.ToString());
                break;
        }
    }
}
