using Microsoft.Data.Sqlite;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Storage.Sqlite;

/// <summary>The snapshot table of a <see cref="SqliteEngineStore"/>.</summary>
internal sealed class SqliteSnapshotStore : ISnapshotStore
{
    private readonly SqliteConnection _connection;
    private readonly string _where;

    public SqliteSnapshotStore(SqliteConnection connection, string where)
    {
        _connection = connection;
        _where = where;
    }

    public void Save(StoredSnapshot snapshot)
    {
        StoredSnapshotCheck.Check(snapshot);
        using var command = _connection.CreateCommand();
        // One statement is its own transaction, synced like an append; an existing row at the sequence is replaced.
        command.CommandText = """
            INSERT INTO snapshots (sequence, state_hash, journal_checksum, payload_checksum, taken_at, payload)
            VALUES ($sequence, $state_hash, $journal_checksum, $payload_checksum, $taken_at, $payload)
            ON CONFLICT (sequence) DO UPDATE SET
                state_hash = excluded.state_hash, journal_checksum = excluded.journal_checksum,
                payload_checksum = excluded.payload_checksum, taken_at = excluded.taken_at, payload = excluded.payload
            """;
        command.Parameters.AddWithValue("$sequence", snapshot.Sequence);
        command.Parameters.AddWithValue("$state_hash", snapshot.StateHash);
        command.Parameters.AddWithValue("$journal_checksum", snapshot.JournalChecksum);
        command.Parameters.AddWithValue("$payload_checksum", snapshot.PayloadChecksum);
        command.Parameters.AddWithValue("$taken_at", snapshot.TakenAt.UtcTicks);
        command.Parameters.Add("$payload", SqliteType.Blob).Value = snapshot.Payload;
        Run(() => command.ExecuteNonQuery(), $"save the snapshot at sequence {snapshot.Sequence}");
    }

    public IReadOnlyList<SnapshotInfo> List()
    {
        using var command = _connection.CreateCommand();
        // length() of a BLOB comes from the record header: the payloads themselves are not read.
        command.CommandText = """
            SELECT sequence, state_hash, journal_checksum, length(payload), taken_at
            FROM snapshots ORDER BY sequence DESC
            """;
        return Run(() =>
        {
            using var reader = command.ExecuteReader();
            var infos = new List<SnapshotInfo>();
            while (reader.Read())
            {
                infos.Add(new SnapshotInfo(reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt64(3), new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero)));
            }

            return infos;
        }, "list the snapshots");
    }

    public StoredSnapshot? Load(long sequence)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = """
            SELECT state_hash, journal_checksum, payload, payload_checksum, taken_at
            FROM snapshots WHERE sequence = $sequence
            """;
        command.Parameters.AddWithValue("$sequence", sequence);
        return Run(() =>
        {
            using var reader = command.ExecuteReader();
            return reader.Read()
                ? new StoredSnapshot(sequence, reader.GetString(0), reader.GetString(1), reader.GetFieldValue<byte[]>(2), reader.GetString(3), new DateTimeOffset(reader.GetInt64(4), TimeSpan.Zero))
                : null;
        }, $"load the snapshot at sequence {sequence}");
    }

    private T Run<T>(Func<T> work, string what)
    {
        try
        {
            return work();
        }
        catch (SqliteException e)
        {
            throw new StorageException($"cannot {what} in {_where}: {SqliteSchema.Reason(e)}", e);
        }
    }
}
