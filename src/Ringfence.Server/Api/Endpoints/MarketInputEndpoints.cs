using Microsoft.AspNetCore.Http.HttpResults;
using Ringfence.Server.Api.Resources;
using Ringfence.Server.Engine;

namespace Ringfence.Server.Api.Endpoints;

/// <summary>
/// What the venue's matching engine and price oracle send: trades (venue role), mark and index prices and funding
/// (oracle role); each body is the scenario command's fields without <c>type</c>.
/// </summary>
internal static class MarketInputEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapPost("/v1/trades", (HttpContext context, EngineGateway gateway) => Run(context, gateway, "trade"))
            .RequireAuthorization(Roles.AdminOrVenue).WithTags("market").WithName("trade");
        routes.MapPost("/v1/prices/mark", (HttpContext context, EngineGateway gateway) => Run(context, gateway, "markPrice"))
            .RequireAuthorization(Roles.AdminOrOracle).WithTags("market").WithName("markPrice");
        routes.MapPost("/v1/prices/index", (HttpContext context, EngineGateway gateway) => Run(context, gateway, "indexPrice"))
            .RequireAuthorization(Roles.AdminOrOracle).WithTags("market").WithName("indexPrice");
        routes.MapPost("/v1/funding", (HttpContext context, EngineGateway gateway) => Run(context, gateway, "fundingRate"))
            .RequireAuthorization(Roles.AdminOrOracle).WithTags("market").WithName("fundingRate");
    }

    /// <summary>Runs the body as a command of <paramref name="type"/> and answers what it did.</summary>
    public static async Task<Ok<CommandResultResource>> Run(HttpContext context, EngineGateway gateway, string type)
    {
        ArgumentNullException.ThrowIfNull(gateway);
        var command = await RequestBody.ReadCommandAsync(context, type).ConfigureAwait(false);
        var acknowledgement = await gateway.ExecuteAsync(command, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(CommandResultResource.Of(acknowledgement));
    }
}
