using Microsoft.Data.Sqlite;
using Ringfence.Storage.Journal;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Storage.Sqlite;

/// <summary>
/// A store in one SQLite file (for example <c>ringfence.db</c>): the journal and snapshot tables, created when the file
/// is new. Every append and snapshot is durable when it returns: the file runs in WAL mode with
/// <c>synchronous=FULL</c>, so each commit is fsynced to the write-ahead log. Holds one connection until disposed; a
/// writer also holds the store's lock file (<see cref="SqliteWriterLock"/>), so a second writer is refused at open.
/// </summary>
public sealed class SqliteEngineStore : IEngineStore
{
    /// <summary>
    /// How long a statement waits for a lock another connection holds (a reader's checkpoint, a second process
    /// starting) before failing, in milliseconds. Commits take milliseconds, so a lock held this long is a stuck
    /// process, not load.
    /// </summary>
    private const int BusyTimeoutMilliseconds = 5_000;

    private readonly SqliteWriterLock? _writerLock;
    private readonly SqliteConnection _connection;
    private readonly SqliteJournal _journal;
    private readonly SqliteSnapshotStore _snapshots;

    /// <summary>
    /// Opens the SQLite store at <paramref name="path"/>. For <see cref="StoreAccess.Write"/> (the default) it takes the
    /// store's writer lock, the file <c>&lt;path&gt;-lock</c>, until disposed, and creates the file and its tables when
    /// they do not exist (its directory must). For <see cref="StoreAccess.Read"/> it takes no lock and the file must be
    /// a store already; the connection is query-only, so appends and saves fail.
    /// </summary>
    /// <exception cref="StoreInUseException">Opening for writing while another writer holds the store.</exception>
    /// <exception cref="StorageException">
    /// The directory does not exist, the path is a directory, the file cannot be opened, is not a SQLite database,
    /// belongs to another application, or has another store format version; or, for reading, it does not exist or is
    /// empty.
    /// </exception>
    public SqliteEngineStore(string path, StoreAccess access = StoreAccess.Write)
        : this(path, access, SqliteJournal.DefaultPageSize)
    {
    }

    /// <summary>Opens the store, reading the journal <paramref name="readPageSize"/> batches per query (tests use small pages).</summary>
    internal SqliteEngineStore(string path, StoreAccess access, int readPageSize)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        ArgumentOutOfRangeException.ThrowIfLessThan(readPageSize, 1);
        var fullPath = Path.GetFullPath(path);
        Description = $"SQLite file {fullPath}";
        if (Directory.Exists(fullPath))
        {
            throw new StorageException($"cannot open {Description}: it is a directory");
        }

        var directory = Path.GetDirectoryName(fullPath);
        if (directory is not null && !Directory.Exists(directory))
        {
            throw new StorageException($"cannot open {Description}: the directory {directory} does not exist");
        }

        var writing = access == StoreAccess.Write;
        if (!writing && !File.Exists(fullPath))
        {
            throw new StorageException($"cannot open {Description}: there is no such file (a host creates it when it first starts)");
        }

        // The lock comes first, so that only the writer that holds it may create the tables.
        _writerLock = writing ? SqliteWriterLock.Take(fullPath, Description) : null;
        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            // A reader never creates the file (it was there a moment ago; if it is gone now, opening fails).
            Mode = writing ? SqliteOpenMode.ReadWriteCreate : SqliteOpenMode.ReadWrite,
            // Without pooling, Dispose really closes the file (and checkpoints the WAL), so it can be moved or reopened.
            Pooling = false,
        }.ToString());
        try
        {
            _connection.Open();
            SqliteSchema.Prepare(_connection, Description, BusyTimeoutMilliseconds, create: writing);
            if (!writing)
            {
                // A reader holds no writer lock, so it must not write: SQLite refuses its INSERTs (SQLITE_READONLY).
                using var readOnly = _connection.CreateCommand();
                readOnly.CommandText = "PRAGMA query_only = ON";
                readOnly.ExecuteNonQuery();
            }

            _journal = new SqliteJournal(_connection, Description, readPageSize);
            _snapshots = new SqliteSnapshotStore(_connection, Description);
        }
        catch (SqliteException e)
        {
            Close();
            throw new StorageException($"cannot open {Description}: {SqliteSchema.Reason(e)}", e);
        }
        catch
        {
            Close();
            throw;
        }
    }

    /// <inheritdoc />
    public IJournal Journal => _journal;

    /// <inheritdoc />
    public ISnapshotStore Snapshots => _snapshots;

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Closes the file and releases the writer lock; everything appended or saved before is already durable.</summary>
    public void Dispose()
    {
        _journal.Dispose();
        Close();
    }

    // The connection first: the WAL checkpoint on close is the writer's last write, done while it still holds the lock.
    private void Close()
    {
        _connection.Dispose();
        _writerLock?.Dispose();
    }
}
