using Npgsql;
using Ringfence.Storage.Journal;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Storage.Postgres;

/// <summary>
/// A store in one schema of a PostgreSQL database (default <c>ringfence</c>): the journal and snapshot tables, created
/// with the schema when missing. Every append and snapshot is durable when it returns: each is one transaction and the
/// store refuses a server whose <c>synchronous_commit</c> is off. Each operation borrows a pooled connection, so a
/// restarted server costs the operations during the restart, not the store.
/// </summary>
public sealed class PostgresEngineStore : IEngineStore
{
    private readonly NpgsqlDataSource _dataSource;

    /// <summary>
    /// Opens the store at <paramref name="location"/>: a URI, <c>postgresql://user:password@host:port/database</c>
    /// (libpq's parameters such as <c>?sslmode=require</c> are understood), or an Npgsql connection string,
    /// <c>Host=host;Port=5432;Username=user;Password=password;Database=database</c>. The tables go in the schema named
    /// by the URI parameter <c>schema</c> or the keyword <c>Schema</c>, else in <c>ringfence</c>.
    /// </summary>
    /// <exception cref="ArgumentException">The location is malformed.</exception>
    /// <exception cref="StorageException">
    /// The server cannot be reached or refuses the login, the schema holds other tables or another format version, or
    /// commits are not durable.
    /// </exception>
    public PostgresEngineStore(string location)
        : this(PostgresLocation.Parse(location), PostgresJournal.DefaultPageSize)
    {
    }

    /// <summary>Opens the store, reading the journal <paramref name="readPageSize"/> entries per query (tests use small pages).</summary>
    internal PostgresEngineStore(PostgresLocation location, int readPageSize)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentOutOfRangeException.ThrowIfLessThan(readPageSize, 1);
        Description = location.Description;
        _dataSource = NpgsqlDataSource.Create(location.ConnectionString);
        try
        {
            PostgresSchema.Prepare(_dataSource, location.Schema, Description);
            Journal = new PostgresJournal(_dataSource, location.Schema, Description, readPageSize);
            Snapshots = new PostgresSnapshotStore(_dataSource, location.Schema, Description);
        }
        catch (Exception e) when (PostgresFailure.IsDatabaseFailure(e))
        {
            _dataSource.Dispose();
            throw PostgresFailure.Wrap(e, "open the store", Description);
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IJournal Journal { get; }

    /// <inheritdoc />
    public ISnapshotStore Snapshots { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Closes the pooled connections; everything appended or saved before is already durable.</summary>
    public void Dispose() => _dataSource.Dispose();
}
