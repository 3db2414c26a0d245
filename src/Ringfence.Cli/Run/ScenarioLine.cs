namespace Ringfence.Cli.Run;

/// <summary>One line of a scenario file that holds a command (not blank, not a comment).</summary>
/// <param name="Number">1-based line number in the file.</param>
/// <param name="Text">The line as written.</param>
internal readonly record struct ScenarioLine(int Number, string Text)
{
    /// <summary>
    /// The command lines of <paramref name="text"/>, numbered as in the file. Blank lines and lines whose first
    /// non-blank characters are <c>//</c> or <c>#</c> are skipped (but counted). Lines end at LF, with or without a CR
    /// before it; no other character ends a line.
    /// </summary>
    public static IEnumerable<ScenarioLine> Split(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var number = 0;
        foreach (var raw in text.Split('\n'))
        {
            number++;
            var line = raw.EndsWith('\r') ? raw[..^1] : raw;
            if (HoldsCommand(line))
            {
                yield return new ScenarioLine(number, line);
            }
        }
    }

    /// <summary>False for a blank line and a comment (first non-blank characters <c>//</c> or <c>#</c>).</summary>
    public static bool HoldsCommand(string line)
    {
        ArgumentNullException.ThrowIfNull(line);
        var content = line.AsSpan().TrimStart();
        return !(content.IsEmpty || content.StartsWith("//", StringComparison.Ordinal) || content[0] == '#');
    }
}
