namespace Ringfence.Server.Api.Resources;

/// <summary>An API key in a listing (never its secret).</summary>
public sealed record KeyResource(string Id, string Role, string? Account, string? Label, DateTimeOffset CreatedAt, DateTimeOffset? RevokedAt);

/// <summary>A key just made: <c>key</c> is shown this once and never again.</summary>
public sealed record CreatedKeyResource(string Id, string Key, string Role, string? Account);

/// <summary>The committed state: its last journal sequence and its hash.</summary>
public sealed record StateResource(long Sequence, string Hash);
