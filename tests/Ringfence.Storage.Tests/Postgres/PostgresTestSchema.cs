using Npgsql;
using Ringfence.Storage.Journal;
using Ringfence.Storage.Postgres;
using Ringfence.Storage.Tests.Contract;

namespace Ringfence.Storage.Tests.Postgres;

/// <summary>
/// A schema of its own, with a random name, in the database <see cref="Variable"/> names; dropped after the test. The
/// PostgreSQL tests run only where the variable is set (CI sets it, see .ci/postgres.sh) and are skipped elsewhere.
/// </summary>
public sealed class PostgresTestSchema : IStoreTarget
{
    /// <summary>The environment variable holding the tests' Npgsql connection string.</summary>
    public const string Variable = "RINGFENCE_POSTGRES";

    /// <summary>Creates the location of a new schema (the first store opened creates the schema itself).</summary>
    public PostgresTestSchema()
    {
        var connectionString = ConnectionString ?? throw new InvalidOperationException(SkipReason);
        Name = $"rf_test_{Guid.NewGuid():N}";
        Location = PostgresLocation.Parse(connectionString).WithSchema(Name);
    }

    /// <summary>The tests' connection string, or null where <see cref="Variable"/> is not set.</summary>
    public static string? ConnectionString =>
        Environment.GetEnvironmentVariable(Variable) is { Length: > 0 } value && !string.IsNullOrWhiteSpace(value) ? value : null;

    /// <summary>Why the PostgreSQL tests are skipped here, or null when they run.</summary>
    public static string? SkipReason =>
        ConnectionString is null ? $"PostgreSQL tests need {Variable} to hold an Npgsql connection string (see docs/storage.md; .ci/postgres.sh starts one)" : null;

    /// <summary>The schema's name.</summary>
    public string Name { get; }

    /// <summary>The store location in that schema.</summary>
    internal PostgresLocation Location { get; }

    /// <summary>
    /// How long the tests' writers wait for the writer lock: a refused writer costs this much. A closed store releases
    /// its lock before Dispose returns, so no test waits for one that closed.
    /// </summary>
    public static TimeSpan LockWait => TimeSpan.FromSeconds(1);

    /// <inheritdoc />
    public IEngineStore Open(int readPageSize) => Open(readPageSize, LockWait);

    /// <summary>Opens a writer that waits up to <paramref name="lockWait"/> for the writer lock.</summary>
    public IEngineStore Open(int readPageSize, TimeSpan lockWait) => new PostgresEngineStore(Location, StoreAccess.Write, readPageSize, lockWait);

    /// <inheritdoc />
    public IEngineStore OpenReader(int readPageSize) => new PostgresEngineStore(Location, StoreAccess.Read, readPageSize, LockWait);

    /// <inheritdoc />
    public void InsertBehindTheStores(JournalBatch batch)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Location.ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand($"INSERT INTO \"{Name}\".journal (first_sequence, last_sequence, payload, checksum, recorded_at) VALUES (@first, @last, @payload, @checksum, @recorded_at)", connection);
        command.Parameters.AddWithValue("first", batch.FirstSequence);
        command.Parameters.AddWithValue("last", batch.LastSequence);
        command.Parameters.AddWithValue("payload", batch.Payload);
        command.Parameters.AddWithValue("checksum", batch.Checksum);
        command.Parameters.AddWithValue("recorded_at", batch.RecordedAt.UtcDateTime);
        command.ExecuteNonQuery();
    }

    /// <summary>Runs <paramref name="sql"/> on the test database and returns the first column of the first row.</summary>
    public object? Query(string sql)
    {
        using var connection = new NpgsqlConnection(new NpgsqlConnectionStringBuilder(Location.ConnectionString) { Pooling = false }.ConnectionString);
        connection.Open();
        using var command = new NpgsqlCommand(sql, connection);
        return command.ExecuteScalar();
    }

    /// <inheritdoc />
    public void Dispose() => Query($"DROP SCHEMA IF EXISTS \"{Name}\" CASCADE");
}
