namespace Ringfence.Cli.Run;

/// <summary>
/// A scenario line whose command made the engine fault: it was rolled back and rejected with <c>INTERNAL_ERROR</c>
/// (its <c>CommandRejected</c> event is among the run's events). A defect in Ringfence, not in the line.
/// </summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Reason">The exception's type and message.</param>
internal sealed record LineFault(int Line, string Reason)
{
    /// <summary><c>line N: engine fault (INTERNAL_ERROR): REASON</c>.</summary>
    public override string ToString() => $"line {Line}: engine fault (INTERNAL_ERROR): {Reason}";
}
