using Npgsql;
using NpgsqlTypes;
using Ringfence.Storage.Journal;

namespace Ringfence.Storage.Postgres;

/// <summary>
/// The journal table of a <see cref="PostgresEngineStore"/>: one row per batch. <see cref="LastSequence"/> is read once
/// when the store opens and kept current by <see cref="Append"/>, so checking a batch costs no query; a second writer
/// on the same schema is still caught, by the key or the overlap constraint, when its batch reaches the table.
/// </summary>
internal sealed class PostgresJournal : IJournal
{
    /// <summary>
    /// Batches per query of <see cref="ReadAfter"/>. A batch holds up to the host's largest batch (65,536 commands, a
    /// few megabytes), so a page of 32 stays within a few hundred megabytes at worst and a few hundred kilobytes as
    /// batches usually are, while a journal of one-command batches still reads 32 rows a query.
    /// </summary>
    public const int DefaultPageSize = 32;

    private const string Columns = "first_sequence, last_sequence, payload, checksum, recorded_at";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _where;
    private readonly int _pageSize;
    private readonly string _insert;
    private readonly string _page;
    private readonly string _tail;
    private readonly string _last;

    public PostgresJournal(NpgsqlDataSource dataSource, string schema, string where, int pageSize)
    {
        _dataSource = dataSource;
        _where = where;
        _pageSize = pageSize;
        var table = $"{PostgresSchema.Quote(schema)}.journal";

        // One row per batch: one statement is one transaction (group commit, one WAL flush at commit).
        _insert = $"INSERT INTO {table} ({Columns}) VALUES (@first, @last, @payload, @checksum, @recorded_at)";
        _page = $"SELECT {Columns} FROM {table} WHERE last_sequence > @after ORDER BY first_sequence LIMIT @limit";
        _tail = $"SELECT {Columns} FROM (SELECT {Columns} FROM {table} ORDER BY first_sequence DESC LIMIT @limit) AS tail ORDER BY first_sequence";
        _last = $"SELECT coalesce((SELECT last_sequence FROM {table} ORDER BY first_sequence DESC LIMIT 1), 0)";
        LastSequence = ReadLastSequence();
    }

    public long LastSequence { get; private set; }

    public void Append(JournalBatch batch)
    {
        AppendCheck.Check(batch, LastSequence, _where);
        try
        {
            using var connection = _dataSource.OpenConnection();
            using var command = new NpgsqlCommand(_insert, connection);
            command.Parameters.Add(new NpgsqlParameter<long>("first", NpgsqlDbType.Bigint) { TypedValue = batch.FirstSequence });
            command.Parameters.Add(new NpgsqlParameter<long>("last", NpgsqlDbType.Bigint) { TypedValue = batch.LastSequence });
            command.Parameters.Add(new NpgsqlParameter<byte[]>("payload", NpgsqlDbType.Bytea) { TypedValue = batch.Payload });
            command.Parameters.Add(new NpgsqlParameter<string>("checksum", NpgsqlDbType.Text) { TypedValue = batch.Checksum });
            command.Parameters.Add(new NpgsqlParameter<DateTime>("recorded_at", NpgsqlDbType.TimestampTz) { TypedValue = batch.RecordedAt.UtcDateTime });
            command.Prepare();
            command.ExecuteNonQuery();
        }
        catch (PostgresException e) when (e.SqlState is PostgresErrorCodes.UniqueViolation or PostgresErrorCodes.ExclusionViolation)
        {
            // Another writer appended since this store read the journal: what it wrote stays, this batch was rolled back.
            LastSequence = ReadLastSequence();
            throw new JournalConflictException(AppendCheck.Taken(_where, batch, LastSequence), e);
        }
        catch (Exception e) when (PostgresFailure.IsDatabaseFailure(e))
        {
            throw PostgresFailure.Wrap(e, "append to the journal", _where);
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
        return count == 0 ? [] : Read(_tail, null, count);
    }

    // Keyset pages (batches ending after the last one read), each read whole and the connection returned before the
    // caller sees it: memory stays at one page and no query or transaction stays open while the caller replays.
    private IEnumerable<JournalBatch> Pages(long afterSequence)
    {
        var last = afterSequence;
        while (true)
        {
            var page = Read(_page, last, _pageSize);
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

    private List<JournalBatch> Read(string sql, long? after, int limit)
    {
        try
        {
            using var connection = _dataSource.OpenConnection();
            using var command = new NpgsqlCommand(sql, connection);
            if (after is { } sequence)
            {
                command.Parameters.Add(new NpgsqlParameter<long>("after", NpgsqlDbType.Bigint) { TypedValue = sequence });
            }

            command.Parameters.Add(new NpgsqlParameter<int>("limit", NpgsqlDbType.Integer) { TypedValue = limit });
            command.Prepare();
            using var reader = command.ExecuteReader();
            var batches = new List<JournalBatch>();
            while (reader.Read())
            {
                var first = reader.GetInt64(0);
                var last = reader.GetInt64(1);
                batches.Add(new JournalBatch(first, checked((int)(last - first + 1)), reader.GetFieldValue<byte[]>(2), reader.GetString(3),
                    reader.GetFieldValue<DateTimeOffset>(4)));
            }

            return batches;
        }
        catch (Exception e) when (PostgresFailure.IsDatabaseFailure(e))
        {
            throw PostgresFailure.Wrap(e, "read the journal", _where);
        }
    }

    private long ReadLastSequence()
    {
        try
        {
            using var connection = _dataSource.OpenConnection();
            using var command = new NpgsqlCommand(_last, connection);
            return (long)command.ExecuteScalar()!;
        }
        catch (Exception e) when (PostgresFailure.IsDatabaseFailure(e))
        {
            throw PostgresFailure.Wrap(e, "read the journal", _where);
        }
    }
}
