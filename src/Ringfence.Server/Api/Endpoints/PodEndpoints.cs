using Microsoft.AspNetCore.Http.HttpResults;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;
using Ringfence.Server.Api.Resources;
using Ringfence.Server.Auth;
using Ringfence.Server.Engine;

namespace Ringfence.Server.Api.Endpoints;

/// <summary><c>/v1/pods</c>: risk pods — positions isolated together, netting inside.</summary>
internal static class PodEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/pods").WithTags("pods");
        group.MapGet("/", List).RequireAuthorization(Roles.Accounts).WithName("listPods");
        group.MapPost("/", Create).RequireAuthorization(Roles.Traders).WithName("createPod");
        group.MapPost("/{pod}/positions", MovePosition).RequireAuthorization(Roles.Traders).WithName("movePositionToPod");
        group.MapPost("/{pod}/margin", Margin).RequireAuthorization(Roles.Traders).WithName("adjustPodMargin");
    }

    private static async Task<Ok<Page<PodResource>>> List(HttpContext context, EngineGateway gateway, string? account, int? limit, string? cursor)
    {
        var caller = Caller.Of(context.User);
        var size = Paging.Limit(limit);
        AccountId? filter = account is null ? null : Access.Account(account);
        var pods = await gateway.ReadAsync(engine =>
        {
            if (filter is { } one && !Access.MaySee(engine, caller, one))
            {
                throw ProblemException.NotFound($"account {one}");
            }

            IEnumerable<PodKey> keys = filter is { } only ? engine.Queries.PodsOf(only)
                : caller.Role == Role.Trader ? Access.OwnAccounts(engine, caller.Account!.Value).SelectMany(engine.Queries.PodsOf)
                : engine.Queries.Pods();
            return keys.Select(k => Resource(engine, k)).OrderBy(p => p.Id, StringComparer.Ordinal).ToList();
        }).ConfigureAwait(false);
        return TypedResults.Ok(Paging.Page(pods, p => p.Id, size, cursor));
    }

    private static async Task<Created<PodResource>> Create(HttpContext context, EngineGateway gateway)
    {
        var caller = Caller.Of(context.User);
        var body = await RequestBody.ReadTextAsync(context).ConfigureAwait(false);
        var fields = RequestBody.Guard(() => Core.Serialization.JsonFields.Parse(body));
        var command = (CreatePod)(fields.Has("account") || caller.Account is null
            ? RequestBody.CommandOf(body, "createPod")
            : RequestBody.CommandOf(body, "createPod", ("account", caller.Account.Value.Value)));
        await Access.RequireActingForAsync(gateway, caller, command.Account, $"account {command.Account}").ConfigureAwait(false);
        await gateway.ExecuteAsync(command, context.RequestAborted).ConfigureAwait(false);
        var pod = new PodKey(command.Account, command.Pod);
        return TypedResults.Created($"/v1/pods/{ResourceIds.Of(pod)}", await gateway.ReadAsync(engine => Resource(engine, pod)).ConfigureAwait(false));
    }

    private static async Task<Ok<PodResource>> MovePosition(HttpContext context, EngineGateway gateway, string pod)
    {
        var key = await ActingFor(context, gateway, pod).ConfigureAwait(false);
        var command = await RequestBody.ReadCommandAsync(context, "movePositionToPod", ("account", key.Account.Value), ("pod", key.Name)).ConfigureAwait(false);
        await gateway.ExecuteAsync(command, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(await gateway.ReadAsync(engine => Resource(engine, key)).ConfigureAwait(false));
    }

    private static async Task<Ok<PodResource>> Margin(HttpContext context, EngineGateway gateway, string pod)
    {
        var key = await ActingFor(context, gateway, pod).ConfigureAwait(false);
        var body = await RequestBody.ReadObjectAsync(context).ConfigureAwait(false);
        var (add, asset, amount) = RequestBody.Guard(() =>
        {
            var type = body.String("type");
            var assetText = body.String("asset");
            var value = body.Number<Money>("amount");
            body.RejectUnknown();
            if (type is not ("add" or "remove"))
            {
                throw body.Error("type", "must be \"add\" or \"remove\"");
            }

            return Asset.TryCreate(assetText, out var parsed) ? (type == "add", parsed, value) : throw body.Error("asset", "not a valid asset code");
        });
        Command command = add ? new FundPod(key.Account, key.Name, asset, amount) : new DefundPod(key.Account, key.Name, asset, amount);
        await gateway.ExecuteAsync(command, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(await gateway.ReadAsync(engine => Resource(engine, key)).ConfigureAwait(false));
    }

    private static async Task<PodKey> ActingFor(HttpContext context, EngineGateway gateway, string id)
    {
        var caller = Caller.Of(context.User);
        var key = Access.Pod(id);
        var exists = await gateway.ReadAsync(engine => Access.MaySee(engine, caller, key.Account) && engine.Queries.Pod(key) is not null).ConfigureAwait(false);
        return exists ? key : throw ProblemException.NotFound($"pod {id}");
    }

    private static PodResource Resource(MarginEngine engine, PodKey pod)
    {
        var view = engine.Queries.Pod(pod) ?? throw ProblemException.NotFound($"pod {ResourceIds.Of(pod)}");
        var positions = engine.Queries.PositionKeysOf(pod.Account).Where(k => k.Scope == MarginScope.InPod(pod.Name));
        return ResourceMapping.Pod(view, positions);
    }
}
