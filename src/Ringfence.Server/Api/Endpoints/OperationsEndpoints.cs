using Prometheus;
using Ringfence.Server.Engine;
using Ringfence.Server.Metrics;

namespace Ringfence.Server.Api.Endpoints;

/// <summary>Probes and metrics: <c>/healthz</c>, <c>/readyz</c>, <c>/metrics</c> (Prometheus text), no key needed.</summary>
internal static class OperationsEndpoints
{
    public static void Map(IEndpointRouteBuilder routes, ServerMetrics metrics)
    {
        routes.MapGet("/healthz", () => TypedResults.Ok(new { status = "ok" })).WithTags("operations").WithName("health");
        routes.MapGet("/readyz", (EngineService engine) => engine.IsReady
                ? Results.Ok(new { status = "ready", sequence = engine.Host.Sequence })
                : Results.Json(new { status = engine.StartFailure is null ? "recovering" : "failed", reason = engine.StartFailure?.Message }, statusCode: StatusCodes.Status503ServiceUnavailable))
            .WithTags("operations").WithName("ready");
        metrics.Registry.AddBeforeCollectCallback(() =>
        {
            if (routes.ServiceProvider.GetRequiredService<EngineService>() is { IsReady: true } engine)
            {
                metrics.Observe(engine.Host);
            }
        });
        routes.MapMetrics("/metrics", metrics.Registry).WithTags("operations");
    }
}
