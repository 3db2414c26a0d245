using Ringfence.Storage.Postgres;
using Ringfence.Storage.Sqlite;

namespace Ringfence.Storage.Keys;

/// <summary>Opens the key store of the store a location names (the CLI's <c>--db</c>).</summary>
public static class ApiKeyStores
{
    /// <summary>
    /// Opens the keys of the existing store at <paramref name="location"/> (a SQLite file or a PostgreSQL database, as
    /// <see cref="EngineStores.Open"/> reads it), creating their table when it is missing. Takes no writer lock.
    /// </summary>
    /// <exception cref="ArgumentException">The location is empty or a malformed PostgreSQL location.</exception>
    /// <exception cref="StorageException">There is no Ringfence store there, or it cannot be reached.</exception>
    public static IApiKeyStore Open(string location)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(location);
        return EngineStores.IsPostgres(location)
            ? new PostgresApiKeyStore(PostgresLocation.Parse(location))
            : new SqliteApiKeyStore(location);
    }
}
