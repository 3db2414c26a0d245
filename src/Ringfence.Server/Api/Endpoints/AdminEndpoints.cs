using Microsoft.AspNetCore.Http.HttpResults;
using Ringfence.Core.Accounts;
using Ringfence.Core.Serialization;
using Ringfence.Server.Api.Resources;
using Ringfence.Server.Auth;
using Ringfence.Server.Engine;

namespace Ringfence.Server.Api.Endpoints;

/// <summary>Operators: any scenario command, the state's sequence and hash, and API keys.</summary>
internal static class AdminEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/commands", Command).RequireAuthorization(Roles.Admin).WithTags("admin").WithName("submitCommand");
        routes.MapGet("/v1/admin/state", State).RequireAuthorization(Roles.Admin).WithTags("admin").WithName("getState");
        var keys = routes.MapGroup("/v1/keys").WithTags("admin").RequireAuthorization(Roles.Admin);
        keys.MapPost("/", CreateKey).WithName("createKey");
        keys.MapGet("/", ListKeys).WithName("listKeys");
        keys.MapDelete("/{id}", RevokeKey).WithName("revokeKey");
    }

    private static async Task<Ok<CommandResultResource>> Command(HttpContext context, EngineGateway gateway)
    {
        var text = await RequestBody.ReadTextAsync(context).ConfigureAwait(false);
        var command = RequestBody.Guard(() => CommandJson.Parse(text));
        return TypedResults.Ok(CommandResultResource.Of(await gateway.ExecuteAsync(command, context.RequestAborted).ConfigureAwait(false)));
    }

    private static async Task<Ok<StateResource>> State(EngineGateway gateway)
    {
        var host = gateway.Running();
        // Read on the engine thread between batches: the sequence and the hash are of the same state.
        return TypedResults.Ok(await gateway.ReadAsync(engine => new StateResource(host.Sequence, engine.Hash())).ConfigureAwait(false));
    }

    private static async Task<Created<CreatedKeyResource>> CreateKey(HttpContext context, KeyRing keys)
    {
        var body = await RequestBody.ReadObjectAsync(context).ConfigureAwait(false);
        var (role, account, label) = RequestBody.Guard(() =>
        {
            var roleText = body.String("role");
            var accountText = body.OptionalString("account");
            var labelText = body.OptionalString("label");
            body.RejectUnknown();
            if (!RoleNames.TryParse(roleText, out var parsed))
            {
                throw body.Error("role", "must be admin, venue, oracle or trader");
            }

            AccountId? id = accountText is null ? null : AccountId.TryCreate(accountText, out var valid) ? valid : throw body.Error("account", "not a valid account id");
            if ((parsed == Role.Trader) != id.HasValue)
            {
                throw body.Error("account", parsed == Role.Trader ? "a trader key needs the account it acts for" : "only a trader key has an account");
            }

            return (parsed, id, labelText);
        });
        var (key, text) = keys.Create(role, account, label);
        return TypedResults.Created($"/v1/keys/{key.Id}", new CreatedKeyResource(key.Id, text, key.Role, key.Account));
    }

    private static Ok<Page<KeyResource>> ListKeys(KeyRing keys) =>
        TypedResults.Ok(new Page<KeyResource>([.. keys.List().Select(k => new KeyResource(k.Id, k.Role, k.Account, k.Label, k.CreatedAt, k.RevokedAt))], null));

    private static NoContent RevokeKey(KeyRing keys, string id) =>
        keys.Revoke(id) ? TypedResults.NoContent() : throw ProblemException.NotFound($"key {InputExcerpt.Quote(id)}");
}
