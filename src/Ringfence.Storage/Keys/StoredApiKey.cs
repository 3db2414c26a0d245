namespace Ringfence.Storage.Keys;

/// <summary>
/// One API key as a store keeps it: never the secret, only its SHA-256 hash, so a copy of the database grants nothing.
/// </summary>
/// <param name="Id">The key's public id (part of the key text, shown in listings and used to revoke it).</param>
/// <param name="SecretHash">SHA-256 of the key's secret part, 32 bytes.</param>
/// <param name="Role">The role the key grants (<c>admin</c>, <c>venue</c>, <c>oracle</c> or <c>trader</c>).</param>
/// <param name="Account">The account a trader key acts for (and its sub-accounts); null for the other roles.</param>
/// <param name="Label">A note for people (the demo marks its keys <c>demo</c>); may be null.</param>
/// <param name="CreatedAt">When it was made (UTC).</param>
/// <param name="RevokedAt">When it was revoked (UTC), or null while it is valid.</param>
public sealed record StoredApiKey(string Id, byte[] SecretHash, string Role, string? Account, string? Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);
