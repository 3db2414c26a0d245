using System.Globalization;
using Microsoft.Data.Sqlite;

namespace Ringfence.Storage.Sqlite;

/// <summary>
/// The tables of a SQLite store, and the checks that a file is one: the header's <c>application_id</c> marks the file
/// as Ringfence's and <c>user_version</c> holds <see cref="StoreFormat.Version"/>, so another application's database
/// or a store of another format is refused before anything in it is touched.
/// </summary>
internal static class SqliteSchema
{
    /// <summary>"RFNC": the <c>application_id</c> of every Ringfence store (<c>file</c>(1) and sqlite3 show it too).</summary>
    public const long ApplicationId = 0x52464E43;

    // STRICT makes SQLite refuse a value of the wrong type instead of storing it as whatever it is. A journal row is a
    // batch; first_sequence is an INTEGER PRIMARY KEY, the rowid itself: appends go to the end of the b-tree and a
    // repeated one is a constraint violation. Times are UTC ticks (100 ns since 0001-01-01), exact. A payload is its
    // table's last column but one, and the snapshot payload the last, so reading the other columns rarely touches
    // overflow pages. The trigger refuses a batch overlapping one already there however its first sequence falls (the
    // only candidate is the batch starting last at or before its end: one probe of the key).
    private const string Create = """
        CREATE TABLE journal (
            first_sequence INTEGER PRIMARY KEY,
            last_sequence  INTEGER NOT NULL CHECK (last_sequence >= first_sequence),
            payload        BLOB    NOT NULL,
            checksum       TEXT    NOT NULL,
            recorded_at    INTEGER NOT NULL
        ) STRICT;
        CREATE TRIGGER journal_batches_do_not_overlap BEFORE INSERT ON journal
        WHEN (SELECT last_sequence FROM journal WHERE first_sequence <= NEW.last_sequence ORDER BY first_sequence DESC LIMIT 1) >= NEW.first_sequence
        BEGIN
            SELECT RAISE(ABORT, 'journal batches overlap');
        END;
        CREATE TABLE snapshots (
            sequence         INTEGER PRIMARY KEY,
            state_hash       TEXT    NOT NULL,
            journal_checksum TEXT    NOT NULL,
            payload_checksum TEXT    NOT NULL,
            taken_at         INTEGER NOT NULL,
            payload          BLOB    NOT NULL
        ) STRICT;
        """;

    /// <summary>
    /// Checks that the open file is a store of this format (creating the tables when it is empty and
    /// <paramref name="create"/> is set), then sets the connection's durability: WAL with <c>synchronous=FULL</c>.
    /// </summary>
    /// <exception cref="StorageException">
    /// The file is another application's database, has another format version, or is empty and may not be created.
    /// </exception>
    public static void Prepare(SqliteConnection connection, string where, int busyTimeoutMilliseconds, bool create)
    {
        Execute(connection, null, string.Create(CultureInfo.InvariantCulture, $"PRAGMA busy_timeout = {busyTimeoutMilliseconds}"));
        var (applicationId, version) = ReadHeader(connection, null);
        if (applicationId == 0 && version == 0 && !create)
        {
            throw new StorageException(Scalar(connection, null, "SELECT count(*) FROM sqlite_schema") == 0
                ? $"{where} holds no Ringfence store yet (it is empty; a host creates the store when it first starts)"
                : $"{where} is a SQLite database of another application, not a Ringfence store");
        }

        if (applicationId == 0 && version == 0)
        {
            // IMMEDIATE takes the write lock first, so two processes creating the same new file do it once.
            using var transaction = connection.BeginTransaction(deferred: false);
            (applicationId, version) = ReadHeader(connection, transaction);
            if (applicationId == 0 && version == 0)
            {
                if (Scalar(connection, transaction, "SELECT count(*) FROM sqlite_schema") != 0)
                {
                    throw new StorageException($"{where} is a SQLite database of another application, not a Ringfence store");
                }

                Execute(connection, transaction, Create);
                Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA application_id = {ApplicationId}"));
                Execute(connection, transaction, string.Create(CultureInfo.InvariantCulture, $"PRAGMA user_version = {StoreFormat.Version}"));
                (applicationId, version) = (ApplicationId, StoreFormat.Version);
            }

            transaction.Commit();
        }

        if (applicationId != ApplicationId)
        {
            throw new StorageException($"{where} is a SQLite database of another application, not a Ringfence store");
        }

        if (version != StoreFormat.Version)
        {
            throw new StorageException(StoreFormat.Mismatch(where, version));
        }

        // WAL appends each commit to the log and fsyncs only that with synchronous=FULL: durable on power loss at one
        // sync per commit. (synchronous=NORMAL would leave the last commits to the next checkpoint's sync.)
        using (var command = connection.CreateCommand())
        {
            command.CommandText = "PRAGMA journal_mode = WAL";
            var mode = command.ExecuteScalar() as string;
            if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                throw new StorageException($"{where} cannot use write-ahead logging (journal mode stayed '{mode}'); is it on a network file system?");
            }
        }

        Execute(connection, null, "PRAGMA synchronous = FULL");
    }

    /// <summary>Why SQLite failed, in an operator's words.</summary>
    public static string Reason(SqliteException exception) => exception.SqliteErrorCode switch
    {
        5 or 6 => "it is locked by another process",
        8 => "it is read-only",
        10 => "an I/O error occurred (" + exception.Message + ")",
        11 => "the file is corrupt (" + exception.Message + ")",
        13 => "the disk is full",
        14 => "the file cannot be opened (check its permissions)",
        23 => "access was denied",
        26 => "it is not a SQLite database",
        _ => exception.Message,
    };

    private static (long ApplicationId, long Version) ReadHeader(SqliteConnection connection, SqliteTransaction? transaction) =>
        (Scalar(connection, transaction, "PRAGMA application_id"), Scalar(connection, transaction, "PRAGMA user_version"));

    private static long Scalar(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    private static void Execute(SqliteConnection connection, SqliteTransaction? transaction, string sql)
    {
        using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
