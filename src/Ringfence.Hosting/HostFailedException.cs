namespace Ringfence.Hosting;

/// <summary>
/// The host stopped — the journal could not be written, or the engine thread itself failed — and takes no more: every
/// caller waiting on it, queued or later, gets this at once. The commands of the failed batch are not acknowledged
/// (they may or may not be durable). Restart the host to recover from the store.
/// </summary>
public sealed class HostFailedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public HostFailedException(string message, Exception? inner)
        : base(message, inner)
    {
    }

    /// <summary>Creates the exception.</summary>
    public HostFailedException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public HostFailedException(string message)
        : base(message)
    {
    }
}
