namespace Ringfence.Hosting.Recovery;

/// <summary>
/// The store cannot be recovered as it is: a journal entry fails its checksum or does not parse, sequences have a gap,
/// or the journal ends before a snapshot that was taken after it (a truncated journal). Nothing is applied past the
/// last valid entry; the message names the entry.
/// </summary>
public sealed class RecoveryException : Exception
{
    /// <summary>Creates the exception.</summary>
    public RecoveryException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public RecoveryException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public RecoveryException(string message)
        : base(message)
    {
    }
}
