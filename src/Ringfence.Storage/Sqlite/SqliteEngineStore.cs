using Microsoft.Data.Sqlite;
using Ringfence.Storage.Journal;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Storage.Sqlite;

/// <summary>
/// A store in one SQLite file (for example <c>ringfence.db</c>): the journal and snapshot tables, created when the file
/// is new. Every append and snapshot is durable when it returns: the file runs in WAL mode with
/// <c>synchronous=FULL</c>, so each commit is fsynced to the write-ahead log. Holds one connection until disposed.
/// </summary>
public sealed class SqliteEngineStore : IEngineStore
{
    /// <summary>
    /// How long a statement waits for a lock another connection holds (a second process appending or checkpointing)
    /// before failing, in milliseconds. Commits take milliseconds, so a lock held this long is a stuck process, not load.
    /// </summary>
    private const int BusyTimeoutMilliseconds = 5_000;

    private readonly SqliteConnection _connection;
    private readonly SqliteJournal _journal;
    private readonly SqliteSnapshotStore _snapshots;

    /// <summary>
    /// Opens the SQLite store at <paramref name="path"/>, creating the file and its tables when it does not exist (its
    /// directory must).
    /// </summary>
    /// <exception cref="StorageException">
    /// The directory does not exist, the file cannot be opened, is not a SQLite database, belongs to another
    /// application, or has another store format version.
    /// </exception>
    public SqliteEngineStore(string path)
        : this(path, SqliteJournal.DefaultPageSize)
    {
    }

    /// <summary>Opens the store, reading the journal <paramref name="readPageSize"/> entries per query (tests use small pages).</summary>
    internal SqliteEngineStore(string path, int readPageSize)
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

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            // Without pooling, Dispose really closes the file (and checkpoints the WAL), so it can be moved or reopened.
            Pooling = false,
        }.ToString());
        try
        {
            _connection.Open();
            SqliteSchema.Prepare(_connection, Description, BusyTimeoutMilliseconds);
            _journal = new SqliteJournal(_connection, Description, readPageSize);
            _snapshots = new SqliteSnapshotStore(_connection, Description);
        }
        catch (SqliteException e)
        {
            _connection.Dispose();
            throw new StorageException($"cannot open {Description}: {SqliteSchema.Reason(e)}", e);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public IJournal Journal => _journal;

    /// <inheritdoc />
    public ISnapshotStore Snapshots => _snapshots;

    /// <inheritdoc />
    public string Description { get; }

    /// <summary>Closes the file; everything appended or saved before is already durable.</summary>
    public void Dispose()
    {
        _journal.Dispose();
        _connection.Dispose();
    }
}
