using Npgsql;
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

    /// <inheritdoc />
    public IEngineStore Open(int readPageSize) => new PostgresEngineStore(Location, readPageSize);

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
