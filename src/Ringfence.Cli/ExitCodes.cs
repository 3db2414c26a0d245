namespace Ringfence.Cli;

/// <summary>The process exit codes the CLI promises.</summary>
internal static class ExitCodes
{
    /// <summary>The command ran and printed its result.</summary>
    public const int Success = 0;

    /// <summary>Something went wrong that is not the caller's input (a bug); one line on standard error.</summary>
    public const int InternalError = 1;

    /// <summary>The command line or the input was rejected; one line on standard error, nothing on standard output.</summary>
    public const int InputError = 2;

    /// <summary>
    /// The database cannot be used as it is: unreachable, not a Ringfence store, a damaged or truncated journal, or
    /// (for <c>replay --verify</c>) a snapshot that disagrees with the journal; one line on standard error says which.
    /// </summary>
    public const int StoreError = 3;
}
