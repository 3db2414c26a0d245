using Spectre.Console;

namespace Ringfence.Cli;

/// <summary>
/// A Spectre console that writes plain text (no colours, no escape codes, no interaction) to a writer, so that tables
/// are the same in a terminal, a pipe and a test.
/// </summary>
internal static class PlainConsole
{
    /// <summary>A console writing to <paramref name="output"/>, <paramref name="width"/> columns wide when given.</summary>
    public static IAnsiConsole Create(TextWriter output, int? width = null)
    {
        var console = AnsiConsole.Create(new AnsiConsoleSettings
        {
            Out = new AnsiConsoleOutput(output),
            Ansi = AnsiSupport.No,
            ColorSystem = ColorSystemSupport.NoColors,
            Interactive = InteractionSupport.No,
        });
        if (width is { } columns)
        {
            console.Profile.Width = columns;
        }

        return console;
    }
}
