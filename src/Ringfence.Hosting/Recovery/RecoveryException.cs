namespace Ringfence.Hosting.Recovery;

/// <summary>
/// The store cannot be recovered as it is: a journal batch fails its checksum or does not decode, sequences have a
/// gap, or the journal ends before a snapshot that was taken after it (a truncated journal). Nothing is applied past
/// the last valid batch; the message names the batch's sequences.
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
