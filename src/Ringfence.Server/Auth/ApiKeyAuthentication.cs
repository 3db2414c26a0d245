using System.Security.Claims;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.Extensions.Options;
using Ringfence.Server.Api;

namespace Ringfence.Server.Auth;

/// <summary>
/// Authenticates a request by its API key, sent as <c>X-Api-Key</c> or <c>Authorization: Bearer</c>; answers a missing
/// or invalid key with 401 <c>UNAUTHORIZED</c> and a role the endpoint does not allow with 403 <c>FORBIDDEN</c>, both
/// as problem details. The key is never logged.
/// </summary>
internal sealed class ApiKeyAuthentication(IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, KeyRing keys)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    /// <summary>The scheme's name.</summary>
    public const string SchemeName = "ApiKey";

    /// <summary>The header that carries the key.</summary>
    public const string Header = "X-Api-Key";

    /// <summary>The key a request presents, or null.</summary>
    public static string? Presented(HttpRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (request.Headers.TryGetValue(Header, out var values) && values.Count == 1)
        {
            return values[0];
        }

        var authorization = request.Headers.Authorization;
        return authorization.Count == 1 && authorization[0] is { } bearer && bearer.StartsWith("Bearer ", StringComparison.Ordinal)
            ? bearer["Bearer ".Length..].Trim()
            : null;
    }

    /// <summary>The principal of a valid key.</summary>
    public static ClaimsPrincipal Principal(Storage.Keys.StoredApiKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        var claims = new List<Claim> { new(Caller.KeyIdClaim, key.Id), new(Caller.RoleClaim, key.Role), new(ClaimTypes.Role, key.Role) };
        if (key.Account is { } account)
        {
            claims.Add(new Claim(Caller.AccountClaim, account));
        }

        return new ClaimsPrincipal(new ClaimsIdentity(claims, SchemeName));
    }

    protected override Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null)
        {
            return Task.FromResult(AuthenticateResult.NoResult());
        }

        var key = keys.Authenticate(presented);
        return Task.FromResult(key is null
            ? AuthenticateResult.Fail("unknown or revoked API key")
            : AuthenticateResult.Success(new AuthenticationTicket(Principal(key), SchemeName)));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(Context, new ProblemException(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized,
            Presented(Request) is null ? $"send an API key in the {Header} header (or Authorization: Bearer)" : "the API key is unknown or revoked"));

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties) =>
        ProblemWriter.WriteAsync(Context, new ProblemException(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "this key's role may not call this endpoint"));
}
