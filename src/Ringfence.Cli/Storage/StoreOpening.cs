using Ringfence.Storage;

namespace Ringfence.Cli.Storage;

/// <summary>
/// Opens the store a <c>--db</c> value names. Only <c>host</c> creates a store; the other commands need an existing one,
/// so that a mistyped path is an error rather than a new empty file. Commands that write (host, snapshot) open it for
/// <see cref="StoreAccess.Write"/> and are refused while another writer holds it; commands that only read (replay,
/// journal tail) open it for <see cref="StoreAccess.Read"/> and run beside a host.
/// </summary>
internal static class StoreOpening
{
    /// <summary>
    /// Opens an existing store for <paramref name="access"/>; on failure writes the one error line and returns false
    /// (the command then exits with <see cref="ExitCodes.StoreError"/>).
    /// </summary>
    public static bool TryOpenExisting(TextWriter error, string location, StoreAccess access, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out IEngineStore? store)
    {
        try
        {
            store = Open(location, access, mustExist: true);
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

    /// <summary>
    /// Opens <paramref name="location"/> for <paramref name="access"/>, creating the store when
    /// <paramref name="mustExist"/> is false.
    /// </summary>
    /// <exception cref="StoreUnavailableException">It cannot be opened; the message says why.</exception>
    public static IEngineStore Open(string location, StoreAccess access, bool mustExist)
    {
        if (string.IsNullOrWhiteSpace(location))
        {
            throw new StoreUnavailableException("--db is empty: give a SQLite file (e.g. ringfence.db) or a PostgreSQL connection string ('Host=...;Database=...' or postgres://...)");
        }

        // A directory falls through to the store, which says it is one.
        if (mustExist && !EngineStores.IsPostgres(location) && !File.Exists(location) && !Directory.Exists(location))
        {
            throw new StoreUnavailableException($"no database at '{location}' (give --db the file a host wrote)");
        }

        try
        {
            return EngineStores.Open(location, access);
        }
        catch (Exception exception) when (exception is StorageException or ArgumentException)
        {
            // The store's messages say what and where, without a password.
            throw new StoreUnavailableException(exception.Message, exception);
        }
    }
}
