using Npgsql;
using Ringfence.Storage.Postgres;

namespace Ringfence.Storage.Tests.Postgres;

public sealed class PostgresEngineStoreTests : IDisposable
{
    private readonly Lazy<PostgresTestSchema> _schema = new(() => new PostgresTestSchema());

    private PostgresTestSchema Schema => _schema.Value;

    [PostgresFact]
    public void Creates_its_schema_and_tables_and_records_the_format_version()
    {
        using (Schema.Open(10))
        {
        }

        Assert.Equal(3L, Schema.Query($"SELECT count(*) FROM information_schema.tables WHERE table_schema = '{Schema.Name}' AND table_name IN ('journal', 'snapshots', 'store_format')"));
        Assert.Equal(StoreFormat.Version, Schema.Query($"SELECT version FROM \"{Schema.Name}\".store_format"));
    }

    [PostgresFact]
    public void Is_described_by_host_database_user_and_schema_without_the_password()
    {
        var settings = new NpgsqlConnectionStringBuilder(PostgresTestSchema.ConnectionString);
        using var store = Schema.Open(10);
        Assert.Equal($"PostgreSQL database {settings.Database} on {settings.Host}:{settings.Port} as {settings.Username}, schema {Schema.Name}", store.Description);
        if (!string.IsNullOrEmpty(settings.Password))
        {
            Assert.DoesNotContain(settings.Password, store.Description, StringComparison.Ordinal);
        }
    }

    [PostgresFact]
    public void Refuses_a_store_of_another_format_version()
    {
        using (Schema.Open(10))
        {
        }

        Schema.Query($"UPDATE \"{Schema.Name}\".store_format SET version = {StoreFormat.Version + 1}");
        var error = Assert.Throws<StorageException>(() => Schema.Open(10));
        Assert.EndsWith($"schema {Schema.Name} has store format version {StoreFormat.Version + 1}, newer than this build reads ({StoreFormat.Version}); use a newer Ringfence", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void Refuses_a_schema_holding_another_applications_tables()
    {
        Schema.Query($"CREATE SCHEMA \"{Schema.Name}\"; CREATE TABLE \"{Schema.Name}\".customers (id bigint PRIMARY KEY)");
        var error = Assert.Throws<StorageException>(() => Schema.Open(10));
        Assert.Contains($"schema {Schema.Name}: the schema holds 2 tables or other relations but no Ringfence store", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void Refuses_a_wrong_password_without_showing_it()
    {
        var wrong = new NpgsqlConnectionStringBuilder(PostgresTestSchema.ConnectionString) { Password = "not-the-password-4711" };
        var error = Assert.Throws<StorageException>(() => new PostgresEngineStore(wrong.ConnectionString));
        Assert.Contains("password authentication failed", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("4711", error.Message, StringComparison.Ordinal);
    }

    [PostgresFact]
    public void Refuses_a_server_that_acknowledges_commits_before_they_are_durable()
    {
        var location = $"{PostgresTestSchema.ConnectionString};Options=-c synchronous_commit=off;Schema={Schema.Name}";
        var error = Assert.Throws<StorageException>(() => new PostgresEngineStore(location));
        Assert.Contains("synchronous_commit = off", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Says_which_server_it_cannot_reach_without_showing_the_password()
    {
        var error = Assert.Throws<StorageException>(() => new PostgresEngineStore("Host=127.0.0.1;Port=1;Username=risk;Password=secret-4711;Database=ringfence;Timeout=5"));
        Assert.StartsWith("cannot open the store in PostgreSQL database ringfence on 127.0.0.1:1 as risk, schema ringfence: Failed to connect to 127.0.0.1:1", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain("secret-4711", error.Message, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        if (_schema.IsValueCreated)
        {
            _schema.Value.Dispose();
        }
    }
}
