namespace Ringfence.Cli;

/// <summary>
/// How wide the CLI's tables may be: the <c>COLUMNS</c> environment variable when it holds a width, else the terminal's
/// width when standard output is a terminal, else 80 (a pipe or a file gets what fits an 80-column terminal).
/// </summary>
internal static class TerminalWidth
{
    /// <summary>The width used when nothing says otherwise.</summary>
    public const int Default = 80;

    /// <summary>The narrowest width honoured; anything narrower is raised to it so that a table stays legible.</summary>
    public const int Minimum = 40;

    /// <summary>The widest width honoured.</summary>
    public const int Maximum = 1000;

    /// <summary>The width for this process's standard output.</summary>
    public static int Detect() => Choose(Environment.GetEnvironmentVariable("COLUMNS"), Terminal());

    /// <summary>
    /// The width from the <c>COLUMNS</c> text <paramref name="columns"/> (ignored unless a whole number) and the
    /// terminal's <paramref name="terminal"/> width (null when standard output is not a terminal), within
    /// [<see cref="Minimum"/>, <see cref="Maximum"/>].
    /// </summary>
    public static int Choose(string? columns, int? terminal)
    {
        var chosen = int.TryParse(columns, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var fromEnvironment)
            ? fromEnvironment
            : terminal is > 0 ? terminal.Value : Default;
        return Math.Clamp(chosen, Minimum, Maximum);
    }

    private static int? Terminal()
    {
        if (Console.IsOutputRedirected)
        {
            return null;
        }

        try
        {
            return Console.WindowWidth;
        }
        catch (IOException)
        {
            return null;
        }
    }
}
