using Ringfence.Storage;

namespace Ringfence.Cli.Storage;

/// <summary>
/// Opens the store a <c>--db</c> value names. Commands that only read (replay, snapshot, journal tail) must not create
/// an empty SQLite file by mistyping a path, so they ask for an existing one.
/// </summary>
internal static class StoreOpening
{
    /// <summary>Opens <paramref name="location"/>, creating a SQLite file when <paramref name="mustExist"/> is false.</summary>
    /// <exception cref="StoreUnavailableException">It cannot be opened; the message says why.</exception>
    public static IEngineStore Open(string location, bool mustExist)
    {
        if (mustExist && !EngineStores.IsPostgres(location) && !File.Exists(location))
        {
            throw new StoreUnavailableException($"no database at '{location}' (give --db the file a host wrote)");
        }

        try
        {
            return EngineStores.Open(location);
        }
        catch (Exception exception) when (exception is StorageException or ArgumentException)
        {
            // The store's messages say what and where, without a password.
            throw new StoreUnavailableException(exception.Message, exception);
        }
    }
}
