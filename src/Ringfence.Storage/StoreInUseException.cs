namespace Ringfence.Storage;

/// <summary>
/// A store was opened for writing while another writer holds it (another host or snapshot, in this process or another).
/// Nothing was changed; the store can be opened for writing once the other writer has closed it or its process has
/// ended, and for reading at any time.
/// </summary>
public sealed class StoreInUseException : StorageException
{
    /// <summary>Creates the exception.</summary>
    public StoreInUseException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreInUseException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StoreInUseException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
