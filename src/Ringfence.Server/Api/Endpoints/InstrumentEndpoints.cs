using Microsoft.AspNetCore.Http.HttpResults;
using Ringfence.Server.Api.Resources;
using Ringfence.Server.Engine;

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

    private static async Task<Ok<Page<InstrumentResource>>> List(EngineGateway gateway, int? limit, string? cursor)
    {
        var size = Paging.Limit(limit);
        var instruments = await gateway.ReadAsync(engine => engine.Queries.Markets().Select(ResourceMapping.Instrument).ToList()).ConfigureAwait(false);
        return TypedResults.Ok(Paging.Page(instruments, i => i.Symbol, size, cursor));
    }

    private static async Task<Ok<InstrumentResource>> Get(EngineGateway gateway, string symbol) =>
        TypedResults.Ok(await gateway.ReadAsync(engine => engine.Queries.Market(symbol) is { } market ? ResourceMapping.Instrument(market) : null).ConfigureAwait(false)
            ?? throw ProblemException.NotFound($"instrument {Core.Serialization.InputExcerpt.Quote(symbol)}"));

    private static async Task<Ok<Page<TierResource>>> Tiers(EngineGateway gateway, string symbol)
    {
        var tiers = await gateway.ReadAsync(engine => engine.Queries.Market(symbol) is { } market ? ResourceMapping.Tiers(market) : null).ConfigureAwait(false)
            ?? throw ProblemException.NotFound($"instrument {Core.Serialization.InputExcerpt.Quote(symbol)}");
        return TypedResults.Ok(new Page<TierResource>(tiers, null));
    }
}
