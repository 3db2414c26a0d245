using Spectre.Console;
using Spectre.Console.Rendering;

namespace Ringfence.Cli;

/// <summary>
/// Writes Spectre widgets (tables, text) as plain text to a writer, folded to a width: no colours, no escape codes,
/// no trailing spaces, so that a table reads the same in a terminal, a pipe, a file and a test.
/// </summary>
/// <remarks>
/// Spectre's own console, when it believes the terminal lacks ANSI support, styles text through
/// <see cref="Console.ForegroundColor"/> and so writes colour resets to the process's terminal even when its output is a
/// different writer. Here only the segments' text is written, never their style.
/// </remarks>
internal sealed class PlainConsole
{
    private readonly TextWriter output;
    private readonly IAnsiConsole layout;

    /// <summary>A console writing to <paramref name="output"/>, folding every widget to <paramref name="columns"/>.</summary>
    public PlainConsole(TextWriter output, int columns)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentOutOfRangeException.ThrowIfLessThan(columns, TerminalWidth.Minimum);
        this.output = output;

        // Measures and lays out only; it never writes.
        layout = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(TextWriter.Null),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        layout.Profile.Width = columns;
        Columns = columns;
    }

    /// <summary>The width every widget is folded to, in characters.</summary>
    public int Columns { get; }

    /// <summary>Writes <paramref name="widget"/>, laid out within <see cref="Columns"/>, ending on a new line.</summary>
    public void Write(IRenderable widget)
    {
        ArgumentNullException.ThrowIfNull(widget);
        var options = RenderOptions.Create(layout, layout.Profile.Capabilities);
        var line = new System.Text.StringBuilder();
        var open = false;
        foreach (var segment in widget.Render(options, Columns))
        {
            if (segment.IsLineBreak)
            {
                output.WriteLine(line.ToString().TrimEnd(' '));
                line.Clear();
                open = false;
            }
            else if (!segment.IsControlCode)
            {
                line.Append(segment.Text);
                open = true;
            }
        }

        if (open)
        {
            output.WriteLine(line.ToString().TrimEnd(' '));
        }
    }

    /// <summary>Writes <paramref name="text"/> as data (never markup), folded at word boundaries within <see cref="Columns"/>.</summary>
    public void WriteLine(string text) => Write(new Text(text));
}
