using Microsoft.AspNetCore.Http.HttpResults;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Core.Serialization;
using Ringfence.Server.Api.Resources;
using Ringfence.Server.Auth;
using Ringfence.Server.Engine;
using Ringfence.Server.ReadModels;

namespace Ringfence.Server.Api.Endpoints;

/// <summary><c>/v1/positions</c>: positions, isolated margin, leverage, automated top-up (ccxt's fetchPositions, addMargin, reduceMargin, setLeverage).</summary>
internal static class PositionEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/positions").WithTags("positions");
        group.MapGet("/", List).RequireAuthorization(Roles.Accounts).WithName("listPositions");
        group.MapGet("/{id}", Get).RequireAuthorization(Roles.Accounts).WithName("getPosition");
        group.MapPost("/{id}/margin", Margin).RequireAuthorization(Roles.Traders).WithName("adjustMargin");
        group.MapGet("/{id}/margin/max-removable", MaxRemovable).RequireAuthorization(Roles.Accounts).WithName("maxRemovableMargin");
        group.MapPost("/{id}/leverage", Leverage).RequireAuthorization(Roles.Traders).WithName("setLeverage");
        group.MapPost("/{id}/auto-top-up", AutoTopUp).RequireAuthorization(Roles.Traders).WithName("setAutoTopUp");
    }

    private static async Task<Ok<Page<PositionResource>>> List(HttpContext context, EngineGateway gateway, CommittedViews views, string? account, string? symbol, string? scope, int? limit, string? cursor)
    {
        var caller = Caller.Of(context.User);
        var size = Paging.Limit(limit);
        AccountId? filter = account is null ? null : Access.Account(account);
        MarginScope? scopeFilter = scope is null ? null : MarginScope.TryParse(scope, out var parsed) ? parsed : throw ProblemException.InvalidField("scope", "must be isolated, cross or pod:NAME");
        var page = await gateway.ReadAsync(engine =>
        {
            var queries = engine.Queries;
            IEnumerable<PositionKey> keys;
            if (filter is { } one)
            {
                if (!Access.MaySee(engine, caller, one))
                {
                    throw ProblemException.NotFound($"account {one}");
                }

                keys = queries.PositionKeysOf(one);
            }
            else if (caller.Role == Role.Trader)
            {
                keys = Access.OwnAccounts(engine, caller.Account!.Value).SelectMany(queries.PositionKeysOf);
            }
            else
            {
                keys = symbol is null ? queries.PositionKeys() : queries.PositionKeysIn(symbol);
            }

            var selected = keys
                .Where(k => (symbol is null || k.Symbol == symbol) && (scopeFilter is null || k.Scope == scopeFilter))
                .Select(k => (Key: k, Id: ResourceIds.Of(k)))
                .OrderBy(k => k.Id, StringComparer.Ordinal)
                .ToList();
            var window = Paging.Page(selected, k => k.Id, size, cursor);
            return new Page<PositionResource>([.. window.Items.Select(k => Resource(engine, views, k.Key)!)], window.Next);
        }).ConfigureAwait(false);
        return TypedResults.Ok(page);
    }

    private static async Task<Ok<PositionResource>> Get(HttpContext context, EngineGateway gateway, CommittedViews views, string id)
    {
        var caller = Caller.Of(context.User);
        var key = Access.Position(id);
        // An isolated position is read from the published model, never touching the engine thread.
        if (views.Find(key, caller.MaySee) is { } view)
        {
            return TypedResults.Ok(ResourceMapping.Position(view));
        }

        if (views.IsClosed(key))
        {
            throw ProblemException.NotFound($"position {id}");
        }

        return TypedResults.Ok(await Visible(context, gateway, views, id).ConfigureAwait(false));
    }

    private static async Task<Ok<PositionResource>> Margin(HttpContext context, EngineGateway gateway, CommittedViews views, string id)
    {
        var key = await ActingFor(context, gateway, id).ConfigureAwait(false);
        var body = await RequestBody.ReadObjectAsync(context).ConfigureAwait(false);
        var (add, amount) = RequestBody.Guard(() => MarginChange(body));
        if (key.Scope != MarginScope.Isolated)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, Core.Engine.Events.RejectionCodes.NotApplicable, $"position {id} is not isolated: cross positions are margined by the free balance, pods through /v1/pods/{{pod}}/margin");
        }

        Command command = add ? new AddMargin(key.Account, key.Symbol, amount) : new RemoveMargin(key.Account, key.Symbol, amount);
        await gateway.ExecuteAsync(command, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(await Read(gateway, views, key, id).ConfigureAwait(false));
    }

    /// <summary>Reads <c>{type: "add"|"remove", amount}</c>.</summary>
    public static (bool Add, Money Amount) MarginChange(JsonFields body)
    {
        ArgumentNullException.ThrowIfNull(body);
        var type = body.String("type");
        var amount = body.Number<Money>("amount");
        body.RejectUnknown();
        return type switch
        {
            "add" => (true, amount),
            "remove" => (false, amount),
            _ => throw body.Error("type", "must be \"add\" or \"remove\""),
        };
    }

    private static async Task<Ok<MaxRemovableResource>> MaxRemovable(HttpContext context, EngineGateway gateway, CommittedViews views, string id)
    {
        var position = await Visible(context, gateway, views, id).ConfigureAwait(false);
        var key = Access.Position(id);
        var amount = await gateway.ReadAsync(engine => engine.Queries.MaxRemovableMargin(key)).ConfigureAwait(false);
        return TypedResults.Ok(new MaxRemovableResource(id, amount.ToString(), position.MarginAsset));
    }

    private static async Task<Ok<PositionResource>> Leverage(HttpContext context, EngineGateway gateway, CommittedViews views, string id)
    {
        var key = await ActingFor(context, gateway, id).ConfigureAwait(false);
        var body = await RequestBody.ReadObjectAsync(context).ConfigureAwait(false);
        var leverage = RequestBody.Guard(() =>
        {
            var value = body.Number<Core.Numerics.Leverage>("leverage");
            body.RejectUnknown();
            return value;
        });
        await gateway.ExecuteAsync(new SetLeverage(key.Account, key.Symbol, leverage, key.Scope), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(await Read(gateway, views, key, id).ConfigureAwait(false));
    }

    private static async Task<Ok<PositionResource>> AutoTopUp(HttpContext context, EngineGateway gateway, CommittedViews views, string id)
    {
        var key = await ActingFor(context, gateway, id).ConfigureAwait(false);
        var body = await RequestBody.ReadObjectAsync(context).ConfigureAwait(false);
        var (enabled, cap) = RequestBody.Guard(() =>
        {
            var on = body.Bool("enabled");
            var most = body.OptionalNumber<Money>("cap") ?? Money.Zero;
            body.RejectUnknown();
            return (on, most);
        });
        if (key.Scope != MarginScope.Isolated)
        {
            throw new ProblemException(StatusCodes.Status400BadRequest, Core.Engine.Events.RejectionCodes.NotApplicable, $"position {id} is not isolated: only isolated positions are topped up");
        }

        await gateway.ExecuteAsync(new SetAutoTopUp(key.Account, key.Symbol, enabled, cap), context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(await Read(gateway, views, key, id).ConfigureAwait(false));
    }

    private static async Task<PositionResource> Visible(HttpContext context, EngineGateway gateway, CommittedViews views, string id)
    {
        var caller = Caller.Of(context.User);
        var key = Access.Position(id);
        var resource = await gateway.ReadAsync(engine => Access.MaySee(engine, caller, key.Account) ? Resource(engine, views, key) : null).ConfigureAwait(false);
        return resource ?? throw ProblemException.NotFound($"position {id}");
    }

    private static async Task<PositionKey> ActingFor(HttpContext context, EngineGateway gateway, string id)
    {
        var caller = Caller.Of(context.User);
        var key = Access.Position(id);
        var exists = await gateway.ReadAsync(engine => Access.MaySee(engine, caller, key.Account) && engine.Queries.Position(key) is not null).ConfigureAwait(false);
        if (!exists)
        {
            throw ProblemException.NotFound($"position {id}");
        }

        return key;
    }

    private static async Task<PositionResource> Read(EngineGateway gateway, CommittedViews views, PositionKey key, string id)
    {
        return await gateway.ReadAsync(engine => Resource(engine, views, key)).ConfigureAwait(false)
            ?? throw ProblemException.NotFound($"position {id} (it was closed)");
    }

    /// <summary>The position's resource with its ADL rank, or null (on the engine thread).</summary>
    public static PositionResource? Resource(MarginEngine engine, CommittedViews views, PositionKey key) =>
        engine.Queries.Position(key, views.RankOf(key)) is { } view ? ResourceMapping.Position(view) : null;
}

/// <summary>How much collateral may leave an isolated position now.</summary>
public sealed record MaxRemovableResource(string Position, string Amount, string Asset);
