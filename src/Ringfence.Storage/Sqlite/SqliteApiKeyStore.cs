using System.Globalization;
using Microsoft.Data.Sqlite;
using Ringfence.Storage.Keys;

namespace Ringfence.Storage.Sqlite;

/// <summary>
/// The <c>api_keys</c> table of a SQLite store, on its own connection (so it works beside the store's writer; SQLite's
/// lock serialises the writes). Calls are serialised by a lock, so the store is thread-safe.
/// </summary>
public sealed class SqliteApiKeyStore : IApiKeyStore
{
    private const int BusyTimeoutMilliseconds = 5_000;

    private const string CreateTable = """
        CREATE TABLE IF NOT EXISTS api_keys (
            id          TEXT    PRIMARY KEY,
            secret_hash BLOB    NOT NULL,
            role        TEXT    NOT NULL,
            account     TEXT,
            label       TEXT,
            created_at  INTEGER NOT NULL,
            revoked_at  INTEGER
        ) STRICT
        """;

    private const string Columns = "id, secret_hash, role, account, label, created_at, revoked_at";

    private readonly SqliteConnection _connection;
    private readonly Lock _gate = new();
    private readonly string _where;

    /// <summary>Opens the keys of the existing SQLite store at <paramref name="path"/>.</summary>
    /// <exception cref="StorageException">There is no such file, it is not a Ringfence store, or it cannot be opened.</exception>
    public SqliteApiKeyStore(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        var fullPath = Path.GetFullPath(path);
        _where = $"SQLite file {fullPath}";
        if (!File.Exists(fullPath))
        {
            throw new StorageException($"cannot open the keys of {_where}: there is no such file (a server or host creates it when it first starts)");
        }

        _connection = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = fullPath,
            Mode = SqliteOpenMode.ReadWrite,
            Pooling = false,
        }.ToString());
        try
        {
            _connection.Open();
            SqliteSchema.Prepare(_connection, _where, BusyTimeoutMilliseconds, create: false);
            using var command = _connection.CreateCommand();
            command.CommandText = CreateTable;
            command.ExecuteNonQuery();
        }
        catch (SqliteException e)
        {
            _connection.Dispose();
            throw new StorageException($"cannot open the keys of {_where}: {SqliteSchema.Reason(e)}", e);
        }
        catch
        {
            _connection.Dispose();
            throw;
        }
    }

    /// <inheritdoc />
    public void Add(StoredApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        Run(() =>
        {
            using var command = _connection.CreateCommand();
            command.CommandText = "INSERT INTO api_keys (id, secret_hash, role, account, label, created_at, revoked_at) VALUES ($id, $hash, $role, $account, $label, $created, $revoked)";
            command.Parameters.AddWithValue("$id", key.Id);
            command.Parameters.AddWithValue("$hash", key.SecretHash);
            command.Parameters.AddWithValue("$role", key.Role);
            command.Parameters.AddWithValue("$account", (object?)key.Account ?? DBNull.Value);
            command.Parameters.AddWithValue("$label", (object?)key.Label ?? DBNull.Value);
            command.Parameters.AddWithValue("$created", key.CreatedAt.UtcTicks);
            command.Parameters.AddWithValue("$revoked", key.RevokedAt is { } revoked ? revoked.UtcTicks : DBNull.Value);
            return command.ExecuteNonQuery();
        }, $"add key {key.Id}");
    }

    /// <inheritdoc />
    public IReadOnlyList<StoredApiKey> List() => Run(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys ORDER BY created_at, id";
        using var reader = command.ExecuteReader();
        var keys = new List<StoredApiKey>();
        while (reader.Read())
        {
            keys.Add(ReadKey(reader));
        }

        return (IReadOnlyList<StoredApiKey>)keys;
    }, "list keys");

    /// <inheritdoc />
    public StoredApiKey? Find(string id) => Run(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = $"SELECT {Columns} FROM api_keys WHERE id = $id";
        command.Parameters.AddWithValue("$id", id);
        using var reader = command.ExecuteReader();
        return reader.Read() ? ReadKey(reader) : null;
    }, string.Create(CultureInfo.InvariantCulture, $"find key {id}"));

    /// <inheritdoc />
    public bool Revoke(string id, DateTimeOffset at) => Run(() =>
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "UPDATE api_keys SET revoked_at = $at WHERE id = $id AND revoked_at IS NULL";
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$at", at.UtcTicks);
        return command.ExecuteNonQuery() == 1;
    }, string.Create(CultureInfo.InvariantCulture, $"revoke key {id}"));

    /// <inheritdoc />
    public void Dispose() => _connection.Dispose();

    private static StoredApiKey ReadKey(SqliteDataReader reader) => new(
        reader.GetString(0),
        (byte[])reader.GetValue(1),
        reader.GetString(2),
        reader.IsDBNull(3) ? null : reader.GetString(3),
        reader.IsDBNull(4) ? null : reader.GetString(4),
        new DateTimeOffset(reader.GetInt64(5), TimeSpan.Zero),
        reader.IsDBNull(6) ? null : new DateTimeOffset(reader.GetInt64(6), TimeSpan.Zero));

    private T Run<T>(Func<T> action, string what)
    {
        lock (_gate)
        {
            try
            {
                return action();
            }
            catch (SqliteException e)
            {
                throw new StorageException($"cannot {what} in {_where}: {SqliteSchema.Reason(e)}", e);
            }
        }
    }
}
