using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Positions;
using Ringfence.Server.Auth;

namespace Ringfence.Server.Api.Endpoints;

/// <summary>
/// What a caller may see. An id the caller may not see answers exactly like one that does not exist (404), so a trader
/// cannot learn which other accounts or positions exist.
/// </summary>
internal static class Access
{
    /// <summary>The account id in a path or field; an id that cannot exist is not found.</summary>
    public static AccountId Account(string text) =>
        AccountId.TryCreate(text, out var id) ? id : throw ProblemException.NotFound($"account {Core.Serialization.InputExcerpt.Quote(text)}");

    /// <summary>The position id in a path.</summary>
    public static PositionKey Position(string text) =>
        ResourceIds.TryParsePosition(text, out var key) ? key : throw ProblemException.NotFound($"position {Core.Serialization.InputExcerpt.Quote(text)}");

    /// <summary>The pod id in a path.</summary>
    public static Core.Pods.PodKey Pod(string text) =>
        ResourceIds.TryParsePod(text, out var pod) ? pod : throw ProblemException.NotFound($"pod {Core.Serialization.InputExcerpt.Quote(text)}");

    /// <summary>Whether the account exists and the caller may see it (run on the engine thread).</summary>
    public static bool MaySee(MarginEngine engine, Caller caller, AccountId account) =>
        engine.Queries.Account(account) is { } found && caller.MaySee(found.Id, found.Parent);

    /// <summary>The accounts a trader sees: its own and its sub-accounts (run on the engine thread).</summary>
    public static IReadOnlyList<AccountId> OwnAccounts(MarginEngine engine, AccountId own) =>
        [.. engine.Queries.Accounts().Where(a => a.Id == own || a.Parent == own).Select(a => a.Id)];

    /// <summary>Throws 404 unless the caller may see <paramref name="account"/>.</summary>
    public static async Task RequireVisibleAsync(Engine.EngineGateway gateway, Caller caller, AccountId account, string what)
    {
        if (!await gateway.ReadAsync(engine => MaySee(engine, caller, account)).ConfigureAwait(false))
        {
            throw ProblemException.NotFound(what);
        }
    }

    /// <summary>Throws 404 unless the caller may act for <paramref name="account"/> (admin, or the trader owning it).</summary>
    public static async Task RequireActingForAsync(Engine.EngineGateway gateway, Caller caller, AccountId account, string what)
    {
        await RequireVisibleAsync(gateway, caller, account, what).ConfigureAwait(false);
        if (caller.Role is not (Role.Admin or Role.Trader))
        {
            throw new ProblemException(StatusCodes.Status403Forbidden, ProblemCodes.Forbidden, "only the account's trader key or an admin key may change it");
        }
    }
}
