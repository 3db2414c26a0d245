using Ringfence.Storage;

namespace Ringfence.Cli.Storage;

/// <summary>
/// Opens the store a <c>--db</c> value names. Commands that only read (replay, snapshot, journal tail) must not create
/// an empty SQLite file by mistyping a path, so they ask for an existing one.
/// </summary>
internal static class StoreOpening
{
    /// <summary>
    /// Opens an existing store for a command that reads it; on failure writes the one error line and returns false
    /// (the command then exits with <see cref="ExitCodes.StoreError"/>).
    /// </summary>
    public static bool TryOpenExisting(TextWriter error, string location, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IEngineStore? store)
    {
        try
        {
            store = Open(location, mustExist: true);
            return true;
        }
        catch (StoreUnavailableException exception)
        {
            ErrorLine.Write(error, exception.Message);
            store = null;
            return false;
        }
    }

    /// <summary>
    /// Recovers the state in <paramref name="store"/> with a progress bar; on a damaged journal writes the one error
    /// line and returns null.
    /// </summary>
    public static Hosting.Recovery.RecoveredEngine? TryRecover(TextWriter error, IEngineStore store)
    {
        try
        {
            return ReplayProgress.Show(error, "recovering", store.Journal.LastSequence, progress => Hosting.Recovery.EngineRecovery.Recover(store, progress: progress));
        }
        catch (Hosting.Recovery.RecoveryException exception)
        {
            ErrorLine.Write(error, $"cannot recover: {exception.Message}");
            return null;
        }
    }

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
