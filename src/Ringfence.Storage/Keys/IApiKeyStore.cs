namespace Ringfence.Storage.Keys;

/// <summary>
/// The API keys of a store, in the same SQLite file or PostgreSQL schema as its journal. Keys are not engine state:
/// they are neither journaled nor in snapshots, and a key store may be opened beside the store's writer (the server)
/// to create or revoke keys. Each call is its own durable transaction. Thread-safe.
/// </summary>
public interface IApiKeyStore : IDisposable
{
    /// <summary>Adds a key.</summary>
    /// <exception cref="StorageException">The store cannot be written, or a key with the same id exists.</exception>
    void Add(StoredApiKey key);

    /// <summary>Every key, revoked ones included, oldest first.</summary>
    /// <exception cref="StorageException">The store cannot be read.</exception>
    IReadOnlyList<StoredApiKey> List();

    /// <summary>The key with id <paramref name="id"/>, revoked or not; null when there is none.</summary>
    /// <exception cref="StorageException">The store cannot be read.</exception>
    StoredApiKey? Find(string id);

    /// <summary>Marks a key revoked at <paramref name="at"/>; false when there is no such key or it was revoked already.</summary>
    /// <exception cref="StorageException">The store cannot be written.</exception>
    bool Revoke(string id, DateTimeOffset at);
}
