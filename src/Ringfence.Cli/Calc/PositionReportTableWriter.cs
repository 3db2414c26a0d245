using Spectre.Console;

namespace Ringfence.Cli.Calc;

/// <summary>Renders a <see cref="PositionReport"/> as a readable table followed by its explanation.</summary>
internal static class PositionReportTableWriter
{
    /// <summary>
    /// Writes the table and the explanation, plain text without colours or escape codes, <paramref name="columns"/>
    /// wide at most.
    /// </summary>
    public static void Write(PositionReport report, TextWriter output, int columns)
    {
        ArgumentNullException.ThrowIfNull(report);
        var console = new PlainConsole(output, columns);

        var table = new Table().AddColumn("Figure").AddColumn(new TableColumn("Value").RightAligned());
        foreach (var field in PositionReportFields.Of(report))
        {
            // Text, not markup: values and titles are data and must not be read as Spectre style tags.
            table.AddRow(new Text(field.Label), new Text(Display(field)));
        }

        console.Write(table);
        console.WriteLine(report.Explanation);
    }

    private static string Display(ReportField field) => field.Value switch
    {
        null => field.NullText,
        bool flag => flag ? "yes" : "no",
        _ => field.Value.ToString() ?? string.Empty,
    };
}
