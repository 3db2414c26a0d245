using System.Collections.Concurrent;
using Ringfence.Core.Accounts;
using Ringfence.Storage.Keys;

namespace Ringfence.Server.Auth;

/// <summary>
/// The keys the server accepts: read from the store's key table and kept in memory. A key made with
/// <c>ringfence keys create</c> beside the server works on its first request (an id not held is looked up in the store);
/// one revoked beside the server stops working within the refresh interval (every few seconds); keys made or revoked
/// through the API take effect at once.
/// </summary>
/// <remarks>
/// The key table lives in the engine's store, which the engine service creates when it starts: <paramref name="open"/>
/// gives the key store once it can be opened and null before, so no key is accepted until then.
/// </remarks>
public sealed class KeyRing(Func<IApiKeyStore?> open, TimeProvider clock) : IDisposable
{
    private readonly Lock _gate = new();
    private IApiKeyStore? _store;
    private ConcurrentDictionary<string, StoredApiKey>? _keys;

    /// <summary>Reloads every key from the store (nothing when it cannot be opened yet).</summary>
    public void Refresh()
    {
        if (Store(required: false) is { } store)
        {
            _keys = new ConcurrentDictionary<string, StoredApiKey>(store.List().ToDictionary(k => k.Id, StringComparer.Ordinal), StringComparer.Ordinal);
        }
    }

    /// <summary>The valid key <paramref name="text"/> is, or null (unknown, revoked, malformed: not told apart).</summary>
    /// <remarks>
    /// Only well-formed key text reaches the store, one primary-key read for an id not held; ids the store does not have
    /// are not remembered, so a key created a moment later is found.
    /// </remarks>
    public StoredApiKey? Authenticate(string? text)
    {
        if (_keys is null)
        {
            Refresh();
        }

        if (!ApiKeyText.TryParse(text, out var id, out var hash) || _keys is not { } keys)
        {
            return null;
        }

        if (!keys.TryGetValue(id, out var key))
        {
            key = Find(id);
            if (key is null)
            {
                return null;
            }

            keys.TryAdd(id, key);
        }

        return key.RevokedAt is null && ApiKeyText.Matches(hash, key.SecretHash) ? key : null;
    }

    /// <summary>Makes a key and stores it; returns the record and the key text (the only time the text exists).</summary>
    public (StoredApiKey Key, string Text) Create(Role role, AccountId? account, string? label = null)
    {
        if ((role == Role.Trader) != account.HasValue)
        {
            throw new ArgumentException(role == Role.Trader ? "a trader key needs an account" : "only a trader key has an account", nameof(account));
        }

        var (id, text, hash) = ApiKeyText.Create();
        var key = new StoredApiKey(id, hash, RoleNames.Of(role), account?.Value, label, clock.GetUtcNow(), null);
        Store(required: true)!.Add(key);
        Refresh();
        return (key, text);
    }

    /// <summary>Every key, revoked ones included.</summary>
    public IReadOnlyList<StoredApiKey> List() => Store(required: true)!.List();

    /// <summary>Revokes a key at once; false when there is no such valid key.</summary>
    public bool Revoke(string id)
    {
        var revoked = Store(required: true)!.Revoke(id, clock.GetUtcNow());
        Refresh();
        return revoked;
    }

    public void Dispose()
    {
        lock (_gate)
        {
            _store?.Dispose();
            _store = null;
        }
    }

    private StoredApiKey? Find(string id)
    {
        try
        {
            return Store(required: false)?.Find(id);
        }
        catch (Storage.StorageException)
        {
            // Fails closed: a key the store cannot be asked about is not accepted; keys already held still are.
            return null;
        }
    }

    private IApiKeyStore? Store(bool required)
    {
        lock (_gate)
        {
            _store ??= open();
            return _store ?? (required ? throw new Engine.EngineNotReadyException("the key store is not open yet: the engine is still starting") : null);
        }
    }
}
