using Npgsql;
using Ringfence.Storage.Journal;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Storage.Postgres;

/// <summary>
/// A store in one schema of a PostgreSQL database (default <c>ringfence</c>): the journal and snapshot tables, created
/// with the schema when missing. Every append and snapshot is durable when it returns: each is one transaction and the
/// store refuses a server whose <c>synchronous_commit</c> is off. A writer runs every statement in one session that
/// holds the store's writer lock (<see cref="PostgresWriterLock"/>), reconnecting (and taking the lock again) after a
/// lost connection, so a restarted server costs the operations during the restart, not the store; a reader borrows
/// pooled read-only connections and takes no lock.
/// </summary>
public sealed class PostgresEngineStore : IEngineStore
{
    /// <summary>
    /// How long a writer waits for the writer lock before it is refused. A writer that was just killed holds the lock
    /// until its server process notices the closed connection, which takes milliseconds; a live writer holds it forever.
    /// </summary>
    internal static readonly TimeSpan DefaultLockWait = TimeSpan.FromSeconds(5);

    private readonly NpgsqlDataSource _dataSource;
    private readonly PostgresWriterLock? _writerLock;

    /// <summary>
    /// Opens the store at <paramref name="location"/>: a URI, <c>postgresql://user:password@host:port/database</c>
    /// (libpq's parameters such as <c>?sslmode=require</c> are understood), or an Npgsql connection string,
    /// <c>Host=host;Port=5432;Username=user;Password=password;Database=database</c>. The tables go in the schema named
    /// by the URI parameter <c>schema</c> or the keyword <c>Schema</c>, else in <c>ringfence</c>. For
    /// <see cref="StoreAccess.Write"/> (the default) it takes the store's writer lock until disposed and creates the
    /// schema and tables when missing; for <see cref="StoreAccess.Read"/> it takes no lock, the store must exist, and
    /// its transactions are read-only.
    /// </summary>
    /// <exception cref="ArgumentException">The location is malformed.</exception>
    /// <exception cref="StoreInUseException">Opening for writing while another writer holds the store.</exception>
    /// <exception cref="StorageException">
    /// The server cannot be reached or refuses the login, the schema holds other tables or another format version, or
    /// commits are not durable; or, for reading, there is no store in the schema.
    /// </exception>
    public PostgresEngineStore(string location, StoreAccess access = StoreAccess.Write)
        : this(PostgresLocation.Parse(location), access, PostgresJournal.DefaultPageSize, DefaultLockWait)
    {
    }

    /// <summary>
    /// Opens the store, reading the journal <paramref name="readPageSize"/> batches per query and waiting up to
    /// <paramref name="lockWait"/> for the writer lock (tests use small pages and short waits).
    /// </summary>
    internal PostgresEngineStore(PostgresLocation location, StoreAccess access, int readPageSize, TimeSpan lockWait)
    {
        ArgumentNullException.ThrowIfNull(location);
        ArgumentOutOfRangeException.ThrowIfLessThan(readPageSize, 1);
        Description = location.Description;
        var writing = access == StoreAccess.Write;
        if (writing)
        {
            _writerLock = new PostgresWriterLock(location.Schema, Description, lockWait);
            var builder = new NpgsqlDataSourceBuilder(location.ConnectionString);
            // One physical connection, kept (never pruned, never reset: Npgsql's reset runs pg_advisory_unlock_all),
            // that takes the lock when it connects. A broken one is replaced by a new one, which takes the lock again.
            builder.ConnectionStringBuilder.Pooling = true;
            builder.ConnectionStringBuilder.MinPoolSize = 1;
            builder.ConnectionStringBuilder.MaxPoolSize = 1;
            builder.ConnectionStringBuilder.ConnectionLifetime = 0;
            builder.ConnectionStringBuilder.NoResetOnClose = true;
            var writerLock = _writerLock;
            builder.UsePhysicalConnectionInitializer(
                writerLock.Take,
                connection =>
                {
                    writerLock.Take(connection);
                    return Task.CompletedTask;
                });
            _dataSource = builder.Build();
        }
        else
        {
            // Read-only by the session's default: the server refuses a reader's writes, whatever calls them.
            var builder = new NpgsqlConnectionStringBuilder(location.ConnectionString);
            builder.Options = $"{builder.Options} -c default_transaction_read_only=on".TrimStart();
            _dataSource = NpgsqlDataSource.Create(builder.ConnectionString);
        }

        try
        {
            // The writer's first connection takes the lock before anything is read or created.
            PostgresSchema.Prepare(_dataSource, location.Schema, Description, create: writing);
            Journal = new PostgresJournal(_dataSource, location.Schema, Description, readPageSize);
            Snapshots = new PostgresSnapshotStore(_dataSource, location.Schema, Description);
        }
        catch (Exception e) when (PostgresFailure.IsDatabaseFailure(e))
        {
            Close();
            throw PostgresFailure.Wrap(e, "open the store", Description);
        }
        catch
        {
            Close();
            throw;
        }
    }

    /// <inheritdoc />
    public IJournal Journal { get; }

    /// <inheritdoc />
    public ISnapshotStore Snapshots { get; }

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>
    /// Releases the writer lock and closes the connections; everything appended or saved before is already durable.
    /// </summary>
    public void Dispose() => Close();

    private void Close()
    {
        _writerLock?.Release(_dataSource);
        _dataSource.Dispose();
    }
}
