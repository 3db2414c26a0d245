using Ringfence.Storage.Postgres;
using Ringfence.Storage.Sqlite;

namespace Ringfence.Storage;

/// <summary>Opens the store a location names (the CLI's <c>--db</c>).</summary>
public static class EngineStores
{
    /// <summary>
    /// Opens (creating when missing) the store at <paramref name="location"/>: a PostgreSQL database when it is a URI
    /// (<c>postgres://</c> or <c>postgresql://</c>) or an Npgsql connection string (it contains <c>Host=</c>), see
    /// <see cref="PostgresEngineStore(string)"/>; otherwise the path of a SQLite file, see
    /// <see cref="SqliteEngineStore(string)"/>.
    /// </summary>
    /// <exception cref="ArgumentException">The location is empty or is a malformed PostgreSQL location.</exception>
    /// <exception cref="StorageException">The store cannot be reached, read or created, or has another format version.</exception>
    public static IEngineStore Open(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return IsPostgres(location) ? new PostgresEngineStore(location) : new SqliteEngineStore(location);
    }

    /// <summary>
    /// Whether <paramref name="location"/> names a PostgreSQL database (it starts with <c>postgres://</c> or
    /// <c>postgresql://</c>, or contains <c>Host=</c>, any case) rather than a SQLite file.
    /// </summary>
    public static bool IsPostgres(string location)
    {
        ArgumentNullException.ThrowIfNull(location);
        return PostgresLocation.Recognizes(location);
    }
}
