namespace Ringfence.Storage;

/// <summary>What a store is opened for: writing, by the one writer a store allows, or reading beside it.</summary>
public enum StoreAccess
{
    /// <summary>
    /// The store's one writer (a host, or a command that stores a snapshot): takes the store's writer lock, held until
    /// the store is disposed, and creates the store when it is missing. A second writer is refused with a
    /// <see cref="StoreInUseException"/> while the first is open.
    /// </summary>
    Write,

    /// <summary>
    /// A reader (replay, journal tail): takes no lock, so it may run beside the writer and sees what it committed;
    /// refuses a store that does not exist yet instead of creating it, and the database refuses its appends and saves.
    /// </summary>
    Read,
}
