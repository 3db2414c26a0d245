namespace Ringfence.Cli;

/// <summary>Writes the single <c>error: …</c> line that every failure produces on standard error.</summary>
internal static class ErrorLine
{
    /// <summary>
    /// Writes <c>error: message</c>, folded onto one line so scripts can read it with one read, with any control
    /// character left in it escaped (<c>\u001b</c>) so that quoted input cannot drive the terminal.
    /// </summary>
    public static void Write(TextWriter stderr, string message)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var oneLine = Core.Serialization.InputExcerpt.Escape(message.ReplaceLineEndings(" ").Trim());
        stderr.WriteLine($"error: {oneLine}");
    }
}
