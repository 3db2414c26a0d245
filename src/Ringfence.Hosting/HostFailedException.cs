namespace Ringfence.Hosting;

/// <summary>
/// The host stopped because the journal could not be written: the commands of the failed batch are not acknowledged
/// (they may or may not be durable), and the host takes no more. Restart it to recover from the store.
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
