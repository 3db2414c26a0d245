using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Npgsql;

namespace Ringfence.Storage.Postgres;

/// <summary>
/// The writer lock of a PostgreSQL store: a session-level advisory lock on (<c>"RFWR"</c>, a hash of the schema name)
/// in the store's database. <see cref="PostgresEngineStore"/> gives its writer a pool of one connection that takes
/// the lock as it connects (<see cref="Take"/>, a physical connection initializer) and is never reset, so every
/// statement the writer runs is in a session that holds the lock. The server drops the lock when that session ends —
/// a closed store, a killed process, a dropped connection — and a writer whose session was lost takes the lock again
/// when it reconnects, or is refused if another writer has it by then.
/// </summary>
internal sealed class PostgresWriterLock
{
    /// <summary>The first key of every store's writer lock: "RFWR" (the creation lock in <see cref="PostgresSchema"/> is "RFNC").</summary>
    internal const int LockKey = 0x52465752;

    /// <summary>The second key: distinct per schema but for a 1-in-2³¹ hash collision, which would refuse a writer, never admit two.</summary>
    private readonly int _schemaKey;

    private readonly string _where;
    private readonly TimeSpan _wait;
    private volatile bool _released;
    private volatile bool _taken;

    /// <summary>The lock of the store in <paramref name="schema"/>; <see cref="Take"/> waits up to <paramref name="wait"/> for it.</summary>
    public PostgresWriterLock(string schema, string where, TimeSpan wait)
    {
        _schemaKey = SchemaKeyOf(schema);
        _where = where;
        _wait = wait;
    }

    /// <summary>The lock's second key for <paramref name="schema"/>: the first four bytes of the SHA-256 of its name, sign bit cleared: the same in every process.</summary>
    internal static int SchemaKeyOf(string schema) =>
        BinaryPrimitives.ReadInt32BigEndian(SHA256.HashData(Encoding.UTF8.GetBytes(schema))) & int.MaxValue;

    /// <summary>
    /// Takes the lock in the session of <paramref name="connection"/>, just opened, waiting up to the wait given: a
    /// writer that was killed a moment ago holds it until the server notices the closed connection. Also sets TCP
    /// keepalives on the server's side, so that the lock of a client that vanished without closing its connection (a
    /// crashed machine, a cut network) is freed within about a minute, not the hours of the system's default.
    /// </summary>
    /// <exception cref="StoreInUseException">Another writer's session holds the lock.</exception>
    public void Take(NpgsqlConnection connection)
    {
        if (_released)
        {
            // The connection that releases the lock needs no lock.
            return;
        }

        using (var transaction = connection.BeginTransaction())
        {
            using var command = new NpgsqlCommand(
                string.Create(CultureInfo.InvariantCulture, $"""
                    SET LOCAL lock_timeout = {(long)_wait.TotalMilliseconds};
                    SET tcp_keepalives_idle = 30;
                    SET tcp_keepalives_interval = 10;
                    SET tcp_keepalives_count = 3;
                    SELECT pg_advisory_lock(@key, @schema);
                    """),
                connection,
                transaction);
            command.Parameters.AddWithValue("key", LockKey);
            command.Parameters.AddWithValue("schema", _schemaKey);
            try
            {
                command.ExecuteNonQuery();
            }
            catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.LockNotAvailable)
            {
                transaction.Rollback();
                throw new StoreInUseException($"{_where} is in use by another writer, {Holder(connection)} (waited {_wait.TotalSeconds:0.#} s for its lock); one writer at a time: stop the other first (reading beside it is fine)", e);
            }

            // A session-level lock outlives the transaction it was taken in; the keepalives do too (plain SET).
            transaction.Commit();
        }

        _taken = true;
    }

    /// <summary>
    /// Releases the lock in the pool's session (the store is closing), so that the next writer finds it free at once
    /// rather than when the server has noticed the closed connection.
    /// </summary>
    public void Release(NpgsqlDataSource dataSource)
    {
        _released = true;
        if (!_taken)
        {
            // Never taken (the store failed to open): connecting now would only wait for a server that refused.
            return;
        }

        try
        {
            using var connection = dataSource.OpenConnection();
            using var command = new NpgsqlCommand("SELECT pg_advisory_unlock(@key, @schema)", connection);
            command.Parameters.AddWithValue("key", LockKey);
            command.Parameters.AddWithValue("schema", _schemaKey);
            command.ExecuteNonQuery();
        }
        catch (Exception e) when (PostgresFailure.IsDatabaseFailure(e))
        {
            // The session is gone, and with it the lock.
        }
    }

    // pg_locks is readable by every role: the holder's backend pid, for pg_stat_activity or pg_terminate_backend.
    private string Holder(NpgsqlConnection connection)
    {
        using var command = new NpgsqlCommand(
            """
            SELECT pid FROM pg_locks
            WHERE locktype = 'advisory' AND granted AND objsubid = 2 AND classid = @key::oid AND objid = @schema::oid
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())
            """,
            connection);
        command.Parameters.AddWithValue("key", LockKey);
        command.Parameters.AddWithValue("schema", _schemaKey);
        return command.ExecuteScalar() is int pid
            ? string.Create(CultureInfo.InvariantCulture, $"the session of PostgreSQL backend pid {pid}")
            : "a session that has just ended";
    }
}
