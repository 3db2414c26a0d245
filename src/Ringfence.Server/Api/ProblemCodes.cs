namespace Ringfence.Server.Api;

/// <summary>
/// The <c>code</c> of a problem answer beside the engine's own rejection codes (docs/scenario-format.md): stable text
/// clients may branch on (docs/api.md, "Errors").
/// </summary>
public static class ProblemCodes
{
    /// <summary>The body is not JSON, or not a JSON object (400).</summary>
    public const string InvalidJson = "INVALID_JSON";

    /// <summary>A field is missing, unknown, of the wrong type or out of range; <c>field</c> names it (400).</summary>
    public const string InvalidField = "INVALID_FIELD";

    /// <summary>No key, or a key that is unknown or revoked (401).</summary>
    public const string Unauthorized = "UNAUTHORIZED";

    /// <summary>The key's role may not call the endpoint (403). Never for another account's ids: those are 404.</summary>
    public const string Forbidden = "FORBIDDEN";

    /// <summary>No such item, or one the key may not see (404).</summary>
    public const string NotFound = "NOT_FOUND";

    /// <summary>The key made too many requests; <c>Retry-After</c> says when to try again (429).</summary>
    public const string RateLimited = "RATE_LIMITED";

    /// <summary>The body is larger than the server accepts (413).</summary>
    public const string PayloadTooLarge = "PAYLOAD_TOO_LARGE";

    /// <summary>The engine is still recovering or could not start (503).</summary>
    public const string NotReady = "NOT_READY";

    /// <summary>The engine has stopped taking commands (503).</summary>
    public const string Unavailable = "UNAVAILABLE";
}
