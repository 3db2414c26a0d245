using Npgsql;
using NpgsqlTypes;
using Ringfence.Storage.Keys;

namespace Ringfence.Storage.Postgres;

/// <summary>
/// The <c>api_keys</c> table in a PostgreSQL store's schema, on pooled connections of its own (it takes no writer lock,
/// so it works beside the server). Thread-safe.
/// </summary>
internal sealed class PostgresApiKeyStore : IApiKeyStore
{
    private const string Columns = "id, secret_hash, role, account, label, created_at, revoked_at";

    private readonly NpgsqlDataSource _dataSource;
    private readonly string _where;
    private readonly string _table;

    public PostgresApiKeyStore(PostgresLocation location)
    {
        _where = location.Description;
        _dataSource = NpgsqlDataSource.Create(location.ConnectionString);
        _table = $"{PostgresSchema.Quote(location.Schema)}.api_keys";
        try
        {
            using var connection = _dataSource.OpenConnection();
            using (var exists = new NpgsqlCommand("SELECT to_regclass(format('%I.store_format', @schema::text)) IS NOT NULL", connection))
            {
                exists.Parameters.AddWithValue("schema", location.Schema);
                if (exists.ExecuteScalar() is not true)
                {
                    throw new StorageException($"{_where} holds no Ringfence store yet (a server or host creates it when it first starts)");
                }
            }

            using var create = new NpgsqlCommand($"""
                CREATE TABLE IF NOT EXISTS {_table} (
                    id          text        PRIMARY KEY,
                    secret_hash bytea       NOT NULL,
                    role        text        NOT NULL,
                    account     text,
                    label       text,
                    created_at  timestamptz NOT NULL,
                    revoked_at  timestamptz
                )
                """, connection);
            create.ExecuteNonQuery();
        }
        catch (Exception e) when (PostgresFailure.IsDatabaseFailure(e))
        {
            _dataSource.Dispose();
            throw PostgresFailure.Wrap(e, "open the keys", _where);
        }
        catch
        {
            _dataSource.Dispose();
            throw;
        }
    }

    public void Add(StoredApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Run(connection =>
        {
            using var command = new NpgsqlCommand($"INSERT INTO {_table} (id, secret_hash, role, account, label, created_at, revoked_at) VALUES (@id, @hash, @role, @account, @label, @created, @revoked)", connection);
            command.Parameters.AddWithValue("id", key.Id);
            command.Parameters.AddWithValue("hash", key.SecretHash);
            command.Parameters.AddWithValue("role", key.Role);
            command.Parameters.Add(new NpgsqlParameter("account", NpgsqlDbType.Text) { Value = (object?)key.Account ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter("label", NpgsqlDbType.Text) { Value = (object?)key.Label ?? DBNull.Value });
            command.Parameters.Add(new NpgsqlParameter<DateTime>("created", NpgsqlDbType.TimestampTz) { TypedValue = key.CreatedAt.UtcDateTime });
            command.Parameters.Add(new NpgsqlParameter("revoked", NpgsqlDbType.TimestampTz) { Value = key.RevokedAt is { } revoked ? revoked.UtcDateTime : DBNull.Value });
            return command.ExecuteNonQuery();
        }, $"add key {key.Id}");
    }

    public IReadOnlyList<StoredApiKey> List() => Run(connection =>
    {
        using var command = new NpgsqlCommand($"SELECT {Columns} FROM {_table} ORDER BY created_at, id", connection);
        using var reader = command.ExecuteReader();
        var keys = new List<StoredApiKey>();
        while (reader.Read())
        {
            keys.Add(ReadKey(reader));
        }

        return (IReadOnlyList<StoredApiKey>)keys;
    }, "list keys");

    public StoredApiKey? Find(string id) => Run(connection =>
    {
        using var command = new NpgsqlCommand($"SELECT {Columns} FROM {_table} WHERE id = @id", connection);
        command.Parameters.AddWithValue("id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadKey(reader) : null;
    }, $"find key {id}");

    public bool Revoke(string id, DateTimeOffset at) => Run(connection =>
    {
        using var command = new NpgsqlCommand($"UPDATE {_table} SET revoked_at = @at WHERE id = @id AND revoked_at IS NULL", connection);
        command.Parameters.AddWithValue("id", id);
        command.Parameters.Add(new NpgsqlParameter<DateTime>("at", NpgsqlDbType.TimestampTz) { TypedValue = at.UtcDateTime });
        return command.ExecuteNonQuery() == 1;
    }, $"revoke key {id}");

    public void Dispose() => _dataSource.Dispose();

    private static StoredApiKey ReadKey(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        reader.GetFieldValue<byte[]>(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        reader.GetFieldValue<DateTimeOffset>(5),
        reader.IsDBNull(6) ? null : reader.GetFieldValue<DateTimeOffset>(6));

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
