namespace Ringfence.Cli;

/// <summary>Writes the single <c>error: …</c> line that every failure produces on standard error.</summary>
internal static class ErrorLine
{
    /// <summary>Writes <c>error: message</c>, folded onto one line so scripts can read it with one read.</summary>
    public static void Write(TextWriter stderr, string message)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var oneLine = message.ReplaceLineEndings(" ").Trim();
        stderr.WriteLine($"error: {oneLine}");
    }
}
