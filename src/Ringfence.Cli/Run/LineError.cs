namespace Ringfence.Cli.Run;

/// <summary>A scenario line that is not a valid command: it was not run.</summary>
/// <param name="Line">1-based line number in the file.</param>
/// <param name="Field">The field at fault, as a path (<c>buyer.leverage</c>); <c>input</c> when the line is not JSON.</param>
/// <param name="Message">What is wrong, in words.</param>
internal sealed record LineError(int Line, string Field, string Message)
{
    /// <summary><c>line N: FIELD: MESSAGE</c>.</summary>
    public override string ToString() => $"line {Line}: {Field}: {Message}";
}
