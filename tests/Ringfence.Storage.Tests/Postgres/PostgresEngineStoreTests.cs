using Npgsql;
using Ringfence.Storage.Postgres;

namespace Ringfence.Storage.Tests.Postgres;

public sealed class PostgresEngineStoreTests : IDisposable
{
    private readonly Lazy<PostgresTestSchema> _schema = new(() => new PostgresTestSchema());

    private PostgresTestSchema Schema => _schema.Value;

    /// <summary>The backend pid of the session holding this test schema's writer lock.</summary>
    private string HolderQuery =>
        $"SELECT pid FROM pg_locks WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = {PostgresWriterLock.LockKey} AND objid = {PostgresWriterLock.SchemaKeyOf(Schema.Name)}";

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

    [PostgresFact]
    public void A_refused_writer_is_told_the_backend_pid_of_the_session_holding_the_lock()
    {
        using var first = Schema.Open(10);
        var holder = Convert.ToInt32(Schema.Query(HolderQuery), System.Globalization.CultureInfo.InvariantCulture);

        var error = Assert.Throws<StoreInUseException>(() => Schema.Open(10));

        Assert.Equal($"{first.Description} is in use by another writer, the session of PostgreSQL backend pid {holder} (waited 1 s for its lock); one writer at a time: stop the other first (reading beside it is fine)", error.Message);
    }

    [PostgresFact]
    public void A_writer_whose_session_was_lost_cannot_write_beside_the_writer_that_took_the_lock_over()
    {
        var batches = Contract.TestBatches.From(1, 1, 2);
        using var first = Schema.Open(10);
        first.Journal.Append(batches[0]);

        // The first writer's session ends (a restarted server, a cut connection): its lock goes with it.
        var holder = Schema.Query(HolderQuery);
        Assert.Equal(true, Schema.Query($"SELECT pg_terminate_backend({holder})"));
        WaitUntil(() => Schema.Query($"SELECT count(*) FROM pg_stat_activity WHERE pid = {holder}") is 0L);
        using (var second = Schema.Open(10))
        {
            second.Journal.Append(batches[1]);

            // The first fails rather than writing without the lock: its session is gone, and a new one is refused.
            Assert.ThrowsAny<StorageException>(() => first.Journal.Append(batches[1]));
            Assert.ThrowsAny<StorageException>(() => first.Journal.Append(batches[1]));
            Assert.Equal(batches[..2], second.Journal.ReadAfter(0));
        }

        // Once the lock is free again, the first takes it back when it reconnects; the table refuses the sequence the
        // second took, and the first goes on after it.
        Assert.Throws<Ringfence.Storage.Journal.JournalConflictException>(() => first.Journal.Append(batches[1]));
        first.Journal.Append(batches[2]);
        Assert.Equal(batches, first.Journal.ReadAfter(0));
    }

    [PostgresFact]
    public void A_reader_creates_no_schema()
    {
        var error = Assert.Throws<StorageException>(() => Schema.OpenReader(10));
        Assert.Equal($"{PostgresLocation.Parse(PostgresTestSchema.ConnectionString!).WithSchema(Schema.Name).Description} holds no Ringfence store yet (a host creates it when it first starts)", error.Message);
        Assert.Equal(0L, Schema.Query($"SELECT count(*) FROM pg_namespace WHERE nspname = '{Schema.Name}'"));
    }

    public void Dispose()
    {
        if (_schema.IsValueCreated)
        {
            _schema.Value.Dispose();
        }
    }

    // Waits for the server to finish what it was asked (a terminated backend exiting); a deadline only against a hang.
    private static void WaitUntil(Func<bool> condition)
    {
        var deadline = DateTime.UtcNow.AddMinutes(1);
        while (!condition())
        {
            Assert.True(DateTime.UtcNow < deadline, "the server did not get there within a minute");
            Thread.Sleep(10);
        }
    }
}
