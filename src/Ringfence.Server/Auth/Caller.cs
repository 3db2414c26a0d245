using System.Security.Claims;
using Ringfence.Core.Accounts;

namespace Ringfence.Server.Auth;

/// <summary>Who is calling: the key's id, role and (for a trader) account, read from the authenticated principal.</summary>
public sealed record Caller(string KeyId, Role Role, AccountId? Account)
{
    /// <summary>The claim types the authentication handler sets.</summary>
    public const string KeyIdClaim = "ringfence:key", RoleClaim = "ringfence:role", AccountClaim = "ringfence:account";

    /// <summary>True for the roles that read every account (admin, venue).</summary>
    public bool SeesEveryAccount => Role is Role.Admin or Role.Venue;

    /// <summary>The caller of an authenticated request.</summary>
    /// <exception cref="InvalidOperationException">The request was not authenticated (an endpoint without a policy).</exception>
    public static Caller Of(ClaimsPrincipal user)
    {
        ArgumentNullException.ThrowIfNull(user);
        var id = user.FindFirstValue(KeyIdClaim) ?? throw new InvalidOperationException("The request is not authenticated.");
        var role = RoleNames.TryParse(user.FindFirstValue(RoleClaim), out var parsedRole) ? parsedRole : throw new InvalidOperationException("The key has no known role.");
        var account = user.FindFirstValue(AccountClaim) is { } text && AccountId.TryCreate(text, out var parsed) ? parsed : (AccountId?)null;
        return new Caller(id, role, account);
    }

    /// <summary>
    /// Whether the caller may see or act for <paramref name="account"/>: admin and venue every account, a trader its own
    /// and its sub-accounts (<paramref name="parent"/> is the account's parent), the oracle none.
    /// </summary>
    public bool MaySee(AccountId account, AccountId? parent) =>
        SeesEveryAccount || (Role == Role.Trader && Account is { } own && (account == own || parent == own));
}
