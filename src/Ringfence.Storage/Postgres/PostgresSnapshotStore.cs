using Npgsql;
using NpgsqlTypes;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Storage.Postgres;

/// <summary>The snapshot table of a <see cref="PostgresEngineStore"/>.</summary>
internal sealed class PostgresSnapshotStore : ISnapshotStore
{
    private readonly NpgsqlDataSource _dataSource;
    private readonly string _where;
    private readonly string _save;
    private readonly string _list;
    private readonly string _load;

    public PostgresSnapshotStore(NpgsqlDataSource dataSource, string schema, string where)
    {
        _dataSource = dataSource;
        _where = where;
        var table = $"{PostgresSchema.Quote(schema)}.snapshots";
        // One statement is its own transaction, committed durably like an append; an existing row at the sequence is
        // replaced.
        _save = $"""
            INSERT INTO {table} (sequence, state_hash, journal_checksum, payload_checksum, taken_at, payload)
            VALUES (@sequence, @state_hash, @journal_checksum, @payload_checksum, @taken_at, @payload)
            ON CONFLICT (sequence) DO UPDATE SET
                state_hash = excluded.state_hash, journal_checksum = excluded.journal_checksum,
                payload_checksum = excluded.payload_checksum, taken_at = excluded.taken_at, payload = excluded.payload
            """;
        // octet_length of a TOASTed value comes from its pointer: the payloads themselves are not read.
        _list = $"SELECT sequence, state_hash, journal_checksum, octet_length(payload), taken_at FROM {table} ORDER BY sequence DESC";
        _load = $"SELECT state_hash, journal_checksum, payload, payload_checksum, taken_at FROM {table} WHERE sequence = @sequence";
    }

    public void Save(StoredSnapshot snapshot)
    {
        StoredSnapshotCheck.Check(snapshot);
        Run(connection =>
        {
            using var command = new NpgsqlCommand(_save, connection);
            command.Parameters.Add(new NpgsqlParameter<long>("sequence", NpgsqlDbType.Bigint) { TypedValue = snapshot.Sequence });
            command.Parameters.Add(new NpgsqlParameter<string>("state_hash", NpgsqlDbType.Text) { TypedValue = snapshot.StateHash });
            command.Parameters.Add(new NpgsqlParameter<string>("journal_checksum", NpgsqlDbType.Text) { TypedValue = snapshot.JournalChecksum });
            command.Parameters.Add(new NpgsqlParameter<string>("payload_checksum", NpgsqlDbType.Text) { TypedValue = snapshot.PayloadChecksum });
            command.Parameters.Add(new NpgsqlParameter<DateTime>("taken_at", NpgsqlDbType.TimestampTz) { TypedValue = snapshot.TakenAt.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter<byte[]>("payload", NpgsqlDbType.Bytea) { TypedValue = snapshot.Payload });
            return command.ExecuteNonQuery();
        }, $"save the snapshot at sequence {snapshot.Sequence}");
    }

    public IReadOnlyList<SnapshotInfo> List() => Run(connection =>
    {
        using var command = new NpgsqlCommand(_list, connection);
        using var reader = command.ExecuteReader();
        var infos = new List<SnapshotInfo>();
        while (reader.Read())
        {
            infos.Add(new SnapshotInfo(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3), reader.GetFieldValue<DateTimeOffset>(4)));
        }

        return infos;
    }, "list the snapshots");

    public StoredSnapshot? Load(long sequence) => Run(connection =>
    {
        using var command = new NpgsqlCommand(_load, connection);
        command.Parameters.Add(new NpgsqlParameter<long>("sequence", NpgsqlDbType.Bigint) { TypedValue = sequence });
        using var reader = command.ExecuteReader();
        return reader.Read()
            ? new StoredSnapshot(sequence, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2), reader.GetString(3), reader.GetFieldValue<DateTimeOffset>(4))
            : null;
    }, $"load the snapshot at sequence {sequence}");

    private T Run<T>(Func<NpgsqlConnection, T> work, string what)
    {
        try
        {
            using var connection = _dataSource.OpenConnection();
            return work(connection);
        }
        catch (Exception e) when (PostgresFailure.IsDatabaseFailure(e))
        {
            throw PostgresFailure.Wrap(e, what, _where);
        }
    }
}
