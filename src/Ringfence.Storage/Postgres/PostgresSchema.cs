using Npgsql;

namespace Ringfence.Storage.Postgres;

/// <summary>
/// The tables of a PostgreSQL store, in their own schema, and the checks that a schema is one: its
/// <c>store_format</c> table holds <see cref="StoreFormat.Version"/>, so a schema of another format, or another
/// application's tables, is refused before anything in it is touched.
/// </summary>
internal static class PostgresSchema
{
    /// <summary>The first key of the advisory lock that serialises creating stores (the second is the schema's hash).</summary>
    private const int CreationLockKey = 0x52464E43;

    /// <summary>
    /// Checks that <paramref name="schema"/> holds a store of this format, creating the schema and its tables when it
    /// is missing or empty and <paramref name="create"/> is set, and that commits are durable (<c>synchronous_commit</c>
    /// is not off).
    /// </summary>
    /// <exception cref="StorageException">
    /// Another format version, foreign tables, commits that are not durable, or no store where none may be created.
    /// </exception>
    public static void Prepare(NpgsqlDataSource dataSource, string schema, string where, bool create)
    {
        using var connection = dataSource.OpenConnection();
        using (var command = new NpgsqlCommand("SELECT current_setting('synchronous_commit')", connection))
        {
            // The journal promises an append is durable when it returns; with synchronous_commit off the server
            // acknowledges commits before they reach the disk and a crash loses them.
            if (command.ExecuteScalar() is "off")
            {
                throw new StorageException($"{where}: the server runs with synchronous_commit = off, so commits are not durable; turn it on for this role or database, or add 'Options=-c synchronous_commit=on' to the connection string");
            }
        }

        using var transaction = connection.BeginTransaction();
        // Two stores opening a new schema at once would both try to create it; the lock makes the second wait and
        // then find the tables.
        using (var command = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@key, hashtext(@schema))", connection, transaction))
        {
            command.Parameters.AddWithValue("key", CreationLockKey);
            command.Parameters.AddWithValue("schema", schema);
            command.ExecuteNonQuery();
        }

        var quoted = Quote(schema);
        if (Scalar(connection, transaction, "SELECT to_regclass(format('%I.store_format', @schema::text)) IS NOT NULL", schema) is true)
        {
            using var read = new NpgsqlCommand($"SELECT version FROM {quoted}.store_format", connection, transaction);
            using var reader = read.ExecuteReader();
            var versions = new List<int>();
            while (reader.Read())
            {
                versions.Add(reader.GetInt32(0));
            }

            if (versions.Count != 1)
            {
                throw new StorageException($"{where}: the table store_format should hold one row, the store's format version, but holds {versions.Count}");
            }

            if (versions[0] != StoreFormat.Version)
            {
                throw new StorageException(StoreFormat.Mismatch(where, versions[0]));
            }

            return;
        }

        if (!create)
        {
            throw new StorageException($"{where} holds no Ringfence store yet (a host creates it when it first starts)");
        }

        var relations = (long)Scalar(connection, transaction, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = @schema", schema)!;
        if (relations != 0)
        {
            throw new StorageException($"{where}: the schema holds {relations} tables or other relations but no Ringfence store; use an empty or new schema");
        }

        using (var tables = new NpgsqlCommand(Tables(quoted), connection, transaction))
        {
            tables.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary><paramref name="identifier"/> as a quoted SQL identifier (it holds no quote: <see cref="PostgresLocation"/> checks).</summary>
    public static string Quote(string identifier) => $"\"{identifier}\"";

    // A journal row is a batch. first_sequence is the primary key and the exclusion constraint refuses a batch whose
    // sequences overlap one already there (GiST over int8range is built in): however a second writer batched its
    // commands, it is a violation, which is how it is caught. Times are timestamptz (microseconds, UTC). Payloads are
    // stored TOASTed out of line by PostgreSQL, so listing rows reads only their lengths.
    private static string Tables(string schema) => $"""
        CREATE SCHEMA IF NOT EXISTS {schema};
        CREATE TABLE {schema}.journal (
            first_sequence bigint      PRIMARY KEY,
            last_sequence  bigint      NOT NULL CHECK (last_sequence >= first_sequence),
            payload        bytea       NOT NULL,
            checksum       text        NOT NULL,
            recorded_at    timestamptz NOT NULL,
            EXCLUDE USING gist (int8range(first_sequence, last_sequence, '[]') WITH &&)
        );
        CREATE TABLE {schema}.snapshots (
            sequence         bigint      PRIMARY KEY,
            state_hash       text        NOT NULL,
            journal_checksum text        NOT NULL,
            payload_checksum text        NOT NULL,
            taken_at         timestamptz NOT NULL,
            payload          bytea       NOT NULL
        );
        CREATE TABLE {schema}.store_format (version integer NOT NULL);
        INSERT INTO {schema}.store_format (version) VALUES ({StoreFormat.Version});
        """;

    private static object? Scalar(NpgsqlConnection connection, NpgsqlTransaction transaction, string sql, string schema)
    {
        using var command = new NpgsqlCommand(sql, connection, transaction);
        command.Parameters.AddWithValue("schema", schema);
        return command.ExecuteScalar();
    }
}
