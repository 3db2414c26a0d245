using Ringfence.Storage.Postgres;
using Ringfence.Storage.Sqlite;
using Ringfence.Storage.Tests.Postgres;
using Ringfence.Storage.Tests.Sqlite;

namespace Ringfence.Storage.Tests;

public sealed class EngineStoresTests
{
    [Fact]
    public void Opens_a_sqlite_file_for_a_path()
    {
        using var file = new SqliteTestFile();
        using var store = EngineStores.Open(file.Path);
        Assert.IsType<SqliteEngineStore>(store);
        Assert.True(File.Exists(file.Path));
    }

    [Theory]
    [InlineData("postgresql://risk:secret-4711@127.0.0.1:1/ringfence?connect_timeout=5")]
    [InlineData("postgres://risk:secret-4711@127.0.0.1:1/ringfence?connect_timeout=5")]
    [InlineData("Host=127.0.0.1;Port=1;Username=risk;Password=secret-4711;Database=ringfence;Timeout=5")]
    public void Opens_postgresql_for_a_uri_or_a_connection_string(string location)
    {
        // Nothing listens on port 1: the error shows that PostgreSQL was tried, and where.
        var error = Assert.Throws<StorageException>(() => EngineStores.Open(location));
        Assert.StartsWith("cannot open the store in PostgreSQL database ringfence on 127.0.0.1:1 as risk, schema ringfence:", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-4711", error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("postgresql://db/risk", true)]
    [InlineData("Host=db;Database=risk", true)]
    [InlineData("ringfence.db", false)]
    public void Tells_postgresql_locations_from_sqlite_paths(string location, bool postgres) =>
        Assert.Equal(postgres, EngineStores.IsPostgres(location));

    [Theory]
    [InlineData("Hots=localhost;Database=x;Password=secret-4711", "Hots")]
    [InlineData("Host=localhost;Databse=x;Password=secret-4711", "Databse")]
    public void Refuses_a_mistyped_connection_string_naming_the_keyword_instead_of_creating_a_file_of_that_name(string location, string keyword)
    {
        var error = Assert.Throws<ArgumentException>(() => EngineStores.Open(location));
        Assert.Contains($"the keyword '{keyword}', which Npgsql does not know", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-4711", error.Message, StringComparison.Ordinal);
        Assert.False(File.Exists(location), $"a SQLite file named '{location}' was created");
    }

    [Fact]
    public void Opens_a_sqlite_file_whose_name_looks_like_a_keyword_when_given_with_its_directory()
    {
        using var file = new SqliteTestFile();
        var path = Path.Combine(file.Directory, "mode=test.db");
        using var store = EngineStores.Open(path);
        Assert.IsType<SqliteEngineStore>(store);
        Assert.True(File.Exists(path));
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    public void Refuses_an_empty_location(string location) =>
        Assert.Throws<ArgumentException>(() => EngineStores.Open(location));

    [PostgresFact]
    public void Opens_the_schema_a_connection_string_names()
    {
        using var schema = new PostgresTestSchema();
        using (var store = EngineStores.Open($"{PostgresTestSchema.ConnectionString};Schema={schema.Name}"))
        {
            Assert.IsType<PostgresEngineStore>(store);
            Assert.EndsWith($"schema {schema.Name}", store.Description, StringComparison.Ordinal);
        }

        Assert.Equal(1L, schema.Query($"SELECT count(*) FROM pg_namespace WHERE nspname = '{schema.Name}'"));
    }
}
