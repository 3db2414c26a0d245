using Ringfence.Storage.Keys;
using Ringfence.Storage.Postgres;
using Ringfence.Storage.Sqlite;
using Ringfence.Storage.Tests.Postgres;

namespace Ringfence.Storage.Tests.Keys;

/// <summary>The key table on both backends: beside the store's writer, hashes only, revocation, refusal of a missing store.</summary>
public sealed class ApiKeyStoreTests : IDisposable
{
    private static readonly DateTimeOffset At = new(2026, 12, 4, 12, 0, 0, TimeSpan.Zero);
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ringfence-keys-");
    private readonly Lazy<PostgresTestSchema> _schema = new(() => new PostgresTestSchema());

    [Fact]
    public void Sqlite_keeps_adds_lists_and_revokes_beside_the_writer()
    {
        var path = Path.Combine(_directory.FullName, "store.db");
        using var writer = new SqliteEngineStore(path);
        using (var keys = ApiKeyStores.Open(path))
        {
            Exercise(keys);
        }

        // A second opening (the CLI beside the server) sees what the first wrote.
        using var again = ApiKeyStores.Open(path);
        Assert.Equal(2, again.List().Count);
    }

    [Fact]
    public void Sqlite_refuses_a_file_that_is_not_a_store()
    {
        var missing = Path.Combine(_directory.FullName, "missing.db");
        Assert.Contains("no such file", Assert.Throws<StorageException>(() => ApiKeyStores.Open(missing)).Message, StringComparison.Ordinal);
        Assert.False(File.Exists(missing));
        var other = Path.Combine(_directory.FullName, "other.db");
        File.WriteAllText(other, "not a database");
        Assert.Throws<StorageException>(() => ApiKeyStores.Open(other));
    }

    [PostgresFact]
    public void Postgres_keeps_adds_lists_and_revokes_beside_the_writer()
    {
        using var writer = _schema.Value.Open(10);
        using var keys = new PostgresApiKeyStore(_schema.Value.Location);
        Exercise(keys);
    }

    [PostgresFact]
    public void Postgres_refuses_a_schema_without_a_store()
    {
        Assert.Contains("holds no Ringfence store", Assert.Throws<StorageException>(() => new PostgresApiKeyStore(_schema.Value.Location)).Message, StringComparison.Ordinal);
    }

    private static void Exercise(IApiKeyStore keys)
    {
        var hash = Enumerable.Range(0, 32).Select(i => (byte)i).ToArray();
        keys.Add(new StoredApiKey("aaaaaaaaaaaa", hash, "trader", "alice", "note", At, null));
        keys.Add(new StoredApiKey("bbbbbbbbbbbb", hash, "admin", null, null, At.AddSeconds(1), null));
        Assert.Throws<StorageException>(() => keys.Add(new StoredApiKey("aaaaaaaaaaaa", hash, "admin", null, null, At, null)));
        var listed = keys.List();
        Assert.Equal(["aaaaaaaaaaaa", "bbbbbbbbbbbb"], listed.Select(k => k.Id).ToArray());
        Assert.Equal(hash, listed[0].SecretHash);
        Assert.Equal(("trader", "alice", "note", At), (listed[0].Role, listed[0].Account, listed[0].Label, listed[0].CreatedAt));
        Assert.Null(listed[1].Account);
        Assert.True(keys.Revoke("aaaaaaaaaaaa", At.AddMinutes(1)));
        Assert.False(keys.Revoke("aaaaaaaaaaaa", At.AddMinutes(2)));
        Assert.False(keys.Revoke("nope", At));
        Assert.Equal(At.AddMinutes(1), keys.List()[0].RevokedAt);
        var found = keys.Find("bbbbbbbbbbbb");
        Assert.NotNull(found);
        Assert.Equal(("bbbbbbbbbbbb", "admin", null as string), (found.Id, found.Role, found.Account));
        Assert.Equal(hash, found.SecretHash);
        Assert.Equal(At.AddMinutes(1), keys.Find("aaaaaaaaaaaa")?.RevokedAt);
        Assert.Null(keys.Find("cccccccccccc"));
    }

    public void Dispose()
    {
        if (_schema.IsValueCreated)
        {
            _schema.Value.Dispose();
        }

        _directory.Delete(recursive: true);
    }
}
