namespace Ringfence.Storage;

/// <summary>
/// A store could not be opened or used: unreachable database, unreadable or foreign file, wrong format version, failed
/// write. The message says what failed and where (a file path, or host, database and schema without the password), in
/// words meant for an operator; <see cref="Exception.InnerException"/> keeps the driver's exception for diagnosis.
/// A second writer is refused with the derived <see cref="StoreInUseException"/>.
/// </summary>
public class StorageException : Exception
{
    /// <summary>Creates the exception.</summary>
    public StorageException()
    {
    }

    /// <summary>Creates the exception.</summary>
    public StorageException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    public StorageException(string message, Exception? inner)
        : base(message, inner)
    {
    }
}
