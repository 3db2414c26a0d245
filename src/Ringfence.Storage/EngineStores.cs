using Ringfence.Storage.Postgres;
using Ringfence.Storage.Sqlite;

namespace Ringfence.Storage;

/// <summary>Opens the store a location names (the CLI's <c>--db</c>).</summary>
public static class EngineStores
{
    /// <summary>
    /// Opens the store at <paramref name="location"/> for <paramref name="access"/>: a PostgreSQL database when
    /// <see cref="IsPostgres"/> says so, see <see cref="PostgresEngineStore(string, StoreAccess)"/>; otherwise the path
    /// of a SQLite file, see <see cref="SqliteEngineStore(string, StoreAccess)"/>. A writer (the default) holds the
    /// store's writer lock until disposed and creates the store when it is missing; a reader needs an existing store.
    /// </summary>
    /// <exception cref="ArgumentException">
    /// The location is empty, or is a malformed PostgreSQL location (the message names an unknown keyword, never the
    /// password).
    /// </exception>
    /// <exception cref="StoreInUseException">Opening for writing while another writer holds the store.</exception>
    /// <exception cref="StorageException">The store cannot be reached, read or created, or has another format version.</exception>
    public static IEngineStore Open(string location, StoreAccess access = StoreAccess.Write)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return IsPostgres(location) ? new PostgresEngineStore(location, access) : new SqliteEngineStore(location, access);
    }

    /// <summary>
    /// Whether <paramref name="location"/> names a PostgreSQL database rather than a SQLite file: it starts with
    /// <c>postgres://</c> or <c>postgresql://</c>, or it reads as a connection string — it starts with
    /// <c>keyword=</c>, or holds a <c>;</c> and an <c>=</c> with no path separator before the first <c>=</c>. So a
    /// mistyped connection string (<c>Hots=db;Database=risk</c>) is refused as one rather than taken for a file name;
    /// a SQLite file whose name looks like that is given with its directory (<c>./a=b.db</c>).
    /// </summary>
    public static bool IsPostgres(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return PostgresLocation.Recognizes(location);
    }
}
