using Microsoft.Data.Sqlite;
using Ringfence.Storage.Journal;

namespace Ringfence.Storage.Sqlite;

/// <summary>
/// The journal table of a <see cref="SqliteEngineStore"/>: one row per batch. <see cref="LastSequence"/> is read once
/// when the store opens and kept current by <see cref="Append"/>; a second writer on the same file is still caught,
/// inside the append's transaction, when the journal's end is not where this store thought.
/// </summary>
internal sealed class SqliteJournal : IJournal, IDisposable
{
    /// <summary>
    /// Batches per query of <see cref="ReadAfter"/>. A batch holds up to the host's largest batch (65,536 commands, a
    /// few megabytes), so a page of 32 stays within a few hundred megabytes at worst and a few hundred kilobytes as
    /// batches usually are, while a journal of one-command batches still reads 32 rows a query.
    /// </summary>
    public const int DefaultPageSize = 32;

    private const string Columns = "first_sequence, last_sequence, payload, checksum, recorded_at";

    /// <summary>SQLite's primary-key violation (SQLITE_CONSTRAINT_PRIMARYKEY).</summary>
    private const int PrimaryKeyViolation = 1555;

    /// <summary>A trigger's refusal (SQLITE_CONSTRAINT_TRIGGER): the overlap trigger.</summary>
    private const int TriggerViolation = 1811;

    private readonly SqliteConnection _connection;
    private readonly string _where;
    private readonly int _pageSize;

    // Prepared once for the life of the store, rebound per batch.
    private readonly SqliteCommand _insert;
    private readonly SqliteParameter _first;
    private readonly SqliteParameter _last;
    private readonly SqliteParameter _payload;
    private readonly SqliteParameter _checksum;
    private readonly SqliteParameter _recordedAt;
    private readonly SqliteCommand _end;

    public SqliteJournal(SqliteConnection connection, string where, int pageSize)
    {
        _connection = connection;
        _where = where;
        _pageSize = pageSize;
        _insert = connection.CreateCommand();
        _insert.CommandText = $"INSERT INTO journal ({Columns}) VALUES ($first, $last, $payload, $checksum, $recorded_at)";
        _first = _insert.Parameters.Add("$first", SqliteType.Integer);
        _last = _insert.Parameters.Add("$last", SqliteType.Integer);
        _payload = _insert.Parameters.Add("$payload", SqliteType.Blob);
        _checksum = _insert.Parameters.Add("$checksum", SqliteType.Text);
        _recordedAt = _insert.Parameters.Add("$recorded_at", SqliteType.Integer);
        _insert.Prepare();
        _end = connection.CreateCommand();
        _end.CommandText = "SELECT coalesce((SELECT last_sequence FROM journal ORDER BY first_sequence DESC LIMIT 1), 0)";
        _end.Prepare();
        LastSequence = ReadLastSequence(null);
    }

    public long LastSequence { get; private set; }

    public void Append(JournalBatch batch)
    {
        AppendCheck.Check(batch, LastSequence, _where);
        try
        {
            // One transaction, one row, one WAL fsync for the whole batch. IMMEDIATE takes the write lock up front, so
            // the end read inside it is the end the insert continues: a second writer cannot slip between them.
            using var transaction = _connection.BeginTransaction(deferred: false);
            var end = ReadLastSequence(transaction);
            if (end != LastSequence)
            {
                LastSequence = end;
                throw new JournalConflictException(AppendCheck.Taken(_where, batch, end));
            }

            _insert.Transaction = transaction;
            _first.Value = batch.FirstSequence;
            _last.Value = batch.LastSequence;
            _payload.Value = batch.Payload;
            _checksum.Value = batch.Checksum;
            _recordedAt.Value = batch.RecordedAt.UtcTicks;
            _insert.ExecuteNonQuery();
            transaction.Commit();
        }
        catch (SqliteException e) when (e.SqliteExtendedErrorCode is PrimaryKeyViolation or TriggerViolation)
        {
            LastSequence = ReadLastSequence(null);
            throw new JournalConflictException(AppendCheck.Taken(_where, batch, LastSequence), e);
        }
        catch (SqliteException e)
        {
            throw new StorageException($"cannot append to the journal in {_where}: {SqliteSchema.Reason(e)}", e);
        }
        finally
        {
            _insert.Transaction = null;
        }

        LastSequence = batch.LastSequence;
    }

    public IEnumerable<JournalBatch> ReadAfter(long afterSequence)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(afterSequence);
        return Pages(afterSequence);
    }

    public IReadOnlyList<JournalBatch> Tail(int count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (count == 0)
        {
            return [];
        }

        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM (SELECT {Columns} FROM journal ORDER BY first_sequence DESC LIMIT $count) ORDER BY first_sequence";
        command.Parameters.AddWithValue("$count", count);
        return Read(command, "read the journal");
    }

    public void Dispose()
    {
        _insert.Dispose();
        _end.Dispose();
    }

    // Keyset pages (batches ending after the last one read), each read whole and released before the caller sees it:
    // memory stays at one page and no statement stays open between pages, so the caller may append while it replays.
    private IEnumerable<JournalBatch> Pages(long afterSequence)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM journal WHERE last_sequence > $after ORDER BY first_sequence LIMIT $limit";
        var after = command.Parameters.Add("$after", SqliteType.Integer);
        command.Parameters.AddWithValue("$limit", _pageSize);
        var last = afterSequence;
        while (true)
        {
            after.Value = last;
            var page = Read(command, "read the journal");
            foreach (var batch in page)
            {
                yield return batch;
            }

            if (page.Count < _pageSize)
            {
                yield break;
            }

            last = page[^1].LastSequence;
        }
    }

    private List<JournalBatch> Read(SqliteCommand command, string what)
    {
        try
        {
            using var reader = command.ExecuteReader();
            var batches = new List<JournalBatch>();
            while (reader.Read())
            {
                var first = reader.GetInt64(0);
                var last = reader.GetInt64(1);
                batches.Add(new JournalBatch(
                    first,
                    checked((int)(last - first + 1)),
                    (byte[])reader.GetValue(2),
                    reader.GetString(3),
                    new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero)));
            }

            return batches;
        }
        catch (SqliteException e)
        {
            throw new StorageException($"cannot {what} in {_where}: {SqliteSchema.Reason(e)}", e);
        }
    }

    private long ReadLastSequence(SqliteTransaction? transaction)
    {
        _end.Transaction = transaction;
        try
        {
            return (long)_end.ExecuteScalar()!;
        }
        catch (SqliteException e)
        {
            throw new StorageException($"cannot read the journal in {_where}: {SqliteSchema.Reason(e)}", e);
        }
        finally
        {
            _end.Transaction = null;
        }
    }
}
