using Microsoft.Data.Sqlite;
using Ringfence.Storage.Journal;

namespace Ringfence.Storage.Sqlite;

/// <summary>
/// The journal table of a <see cref="SqliteEngineStore"/>. <see cref="LastSequence"/> is read once when the store opens
/// and kept current by <see cref="Append"/>, so checking a batch costs no query; a second writer on the same file is
/// still caught, by the primary key, when its batch reaches the table.
/// </summary>
internal sealed class SqliteJournal : IJournal, IDisposable
{
    /// <summary>Entries per query of <see cref="ReadAfter"/>: a page of a few megabytes, however long the journal.</summary>
    public const int DefaultPageSize = 10_000;

    private const string Columns = "sequence, command, checksum, recorded_at";

    /// <summary>SQLite's primary-key violation (SQLITE_CONSTRAINT_PRIMARYKEY).</summary>
    private const int PrimaryKeyViolation = 1555;

    private readonly SqliteConnection _connection;
    private readonly string _where;
    private readonly int _pageSize;

    // One prepared insert, rebound per row: SQLite compiles it once for the life of the store.
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _sequence;
    private readonly SqliteParameter _command;
    private readonly SqliteParameter _checksum;
    private readonly SqliteParameter _recordedAt;

    public SqliteJournal(SqliteConnection connection, string where, int pageSize)
    {
        _connection = connection;
        _where = where;
        _pageSize = pageSize;
        _insert = connection.CreateCommand();
        _insert.CommandText = $"INSERT INTO journal ({Columns}) VALUES ($sequence, $command, $checksum, $recorded_at)";
        _sequence = _insert.Parameters.Add("$sequence", SqliteType.Integer);
        _command = _insert.Parameters.Add("$command", SqliteType.Text);
        _checksum = _insert.Parameters.Add("$checksum", SqliteType.Text);
        _recordedAt = _insert.Parameters.Add("$recorded_at", SqliteType.Integer);
        _insert.Prepare();
        LastSequence = ReadLastSequence();
    }

    public long LastSequence { get; private set; }

    public void Append(IReadOnlyList<JournalEntry> entries)
    {
        JournalBatch.Check(entries, LastSequence, _where);
        if (entries.Count == 0)
        {
            return;
        }

        try
        {
            // One transaction for the batch (group commit): one WAL fsync however many entries. IMMEDIATE takes the
            // write lock up front rather than upgrading a read lock, which could deadlock against a second writer.
            using var transaction = _connection.BeginTransaction(deferred: false);
            _insert.Transaction = transaction;
            foreach (var entry in entries)
            {
                _sequence.Value = entry.Sequence;
                _command.Value = entry.Command;
                _checksum.Value = entry.Checksum;
                _recordedAt.Value = entry.RecordedAt.UtcTicks;
                _insert.ExecuteNonQuery();
            }

            transaction.Commit();
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode == PrimaryKeyViolation)
        {
            // Another writer appended since this store read the journal: what it wrote stays, this batch is rolled back.
            LastSequence = ReadLastSequence();
            throw new JournalConflictException(JournalBatch.Taken(_where, entries, LastSequence), e);
        }
        catch (SqliteException e)
        {
            throw new StorageException($"cannot append to the journal in {_where}: {SqliteSchema.Reason(e)}", e);
        }
        finally
        {
            _insert.Transaction = null;
        }

        LastSequence = entries[^1].Sequence;
    }

    public IEnumerable<JournalEntry> ReadAfter(long afterSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        return Pages(afterSequence);
    }

    public IReadOnlyList<JournalEntry> Tail(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return [];
        }

        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM (SELECT {Columns} FROM journal ORDER BY sequence DESC LIMIT $count) ORDER BY sequence";
        command.Parameters.AddWithValue("$count", count);
        return Read(command, "read the journal");
    }

    public void Dispose() => _insert.Dispose();

    // Keyset pages (sequence > last one read), each read whole and released before the caller sees it: memory stays at
    // one page and no statement stays open between pages, so the caller may append while it replays.
    private IEnumerable<JournalEntry> Pages(long afterSequence)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM journal WHERE sequence > $after ORDER BY sequence LIMIT $limit";
        var after = command.Parameters.Add("$after", SqliteType.Integer);
        command.Parameters.AddWithValue("$limit", _pageSize);
        var last = afterSequence;
        while (true)
        {
            after.Value = last;
            var page = Read(command, "read the journal");
            foreach (var entry in page)
            {
                yield return entry;
            }

            if (page.Count < _pageSize)
            {
                yield break;
            }

            last = page[^1].Sequence;
        }
    }

    private List<JournalEntry> Read(SqliteCommand command, string what)
    {
        try
        {
            using var reader = command.ExecuteReader();
            var entries = new List<JournalEntry>();
            while (reader.Read())
            {
                entries.Add(new JournalEntry(
                    reader.GetInt64(0),
                    reader.GetString(1),
                    reader.GetString(2),
                    new DateTimeOffset(reader.GetInt64(3), TimeSpan.Zero)));
            }

            return entries;
        }
        catch (SqliteException e)
        {
            throw new StorageException($"cannot {what} in {_where}: {SqliteSchema.Reason(e)}", e);
        }
    }

    private long ReadLastSequence()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT coalesce(max(sequence), 0) FROM journal";
        try
        {
            return (long)command.ExecuteScalar()!;
        }
        catch (SqliteException e)
        {
            throw new StorageException($"cannot read the journal in {_where}: {SqliteSchema.Reason(e)}", e);
        }
    }
}
