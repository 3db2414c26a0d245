using Microsoft.Data.Sqlite;
using Ringfence.Storage.Journal;
using Ringfence.Storage.Sqlite;
using Ringfence.Storage.Tests.Contract;

namespace Ringfence.Storage.Tests.Sqlite;

/// <summary>A store file in a temporary directory of its own, deleted with its WAL files after the test.</summary>
public sealed class SqliteTestFile : IStoreTarget
{
    private readonly string _directory = System.IO.Directory.CreateTempSubdirectory("ringfence-sqlite-").FullName;

    /// <summary>The store file (it does not exist until a store is opened).</summary>
    public string Path => System.IO.Path.Combine(_directory, "ringfence.db");

    /// <summary>The temporary directory holding <see cref="Path"/>.</summary>
    public string Directory => _directory;

    /// <inheritdoc />
    public IEngineStore Open(int readPageSize) => new SqliteEngineStore(Path, StoreAccess.Write, readPageSize);

    /// <inheritdoc />
    public IEngineStore OpenReader(int readPageSize) => new SqliteEngineStore(Path, StoreAccess.Read, readPageSize);

    /// <inheritdoc />
    public void InsertBehindTheStores(JournalBatch batch)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "INSERT INTO journal (first_sequence, last_sequence, payload, checksum, recorded_at) VALUES ($first, $last, $payload, $checksum, $recorded_at)";
        command.Parameters.AddWithValue("$first", batch.FirstSequence);
        command.Parameters.AddWithValue("$last", batch.LastSequence);
        command.Parameters.AddWithValue("$payload", batch.Payload);
        command.Parameters.AddWithValue("$checksum", batch.Checksum);
        command.Parameters.AddWithValue("$recorded_at", batch.RecordedAt.UtcTicks);
        command.ExecuteNonQuery();
    }

    /// <inheritdoc />
    public void Dispose() => System.IO.Directory.Delete(_directory, recursive: true);
}
