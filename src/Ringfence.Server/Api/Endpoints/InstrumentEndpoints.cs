using Microsoft.AspNetCore.Http.HttpResults;
using Ringfence.Server.Api.Resources;
using Ringfence.Server.Engine;
using Ringfence.Server.ReadModels;

namespace Ringfence.Server.Api.Endpoints;

/// <summary><c>/v1/instruments</c>: listed instruments and their risk tiers (ccxt's fetchLeverageTiers).</summary>
internal static class InstrumentEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/instruments").WithTags("instruments");
        group.MapGet("/", List).RequireAuthorization(Roles.Any).WithName("listInstruments");
        group.MapGet("/{symbol}", Get).RequireAuthorization(Roles.Any).WithName("getInstrument");
        group.MapGet("/{symbol}/tiers", Tiers).RequireAuthorization(Roles.Any).WithName("listTiers");
        group.MapPost("/", (HttpContext context, EngineGateway gateway) => MarketInputEndpoints.Run(context, gateway, "listInstrument"))
            .RequireAuthorization(Roles.Admin).WithName("listInstrument");
    }

    private static async Task<Ok<Page<InstrumentResource>>> List(EngineGateway gateway, CommittedViews views, int? limit, string? cursor)
    {
        var size = Paging.Limit(limit);
        var markets = views.Markets() ?? await gateway.ReadAsync(engine => engine.Queries.Markets()).ConfigureAwait(false);
        var instruments = markets.Select(ResourceMapping.Instrument).ToList();
        return TypedResults.Ok(Paging.Page(instruments, i => i.Symbol, size, cursor));
    }

    private static async Task<Ok<InstrumentResource>> Get(EngineGateway gateway, CommittedViews views, string symbol) =>
        TypedResults.Ok(ResourceMapping.Instrument(await MarketAsync(gateway, views, symbol).ConfigureAwait(false)));

    private static async Task<Ok<Page<TierResource>>> Tiers(EngineGateway gateway, CommittedViews views, string symbol) =>
        TypedResults.Ok(new Page<TierResource>(ResourceMapping.Tiers(await MarketAsync(gateway, views, symbol).ConfigureAwait(false)), null));

    // From the published views once they are built, from the engine thread before.
    private static async Task<Core.Engine.Market> MarketAsync(EngineGateway gateway, CommittedViews views, string symbol)
    {
        var market = views.TryGetMarket(symbol, out var published) ? published : await gateway.ReadAsync(engine => engine.Queries.Market(symbol)).ConfigureAwait(false);
        return market ?? throw ProblemException.NotFound($"instrument {Core.Serialization.InputExcerpt.Quote(symbol)}");
    }
}
