using System.Threading.RateLimiting;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Options;
using Prometheus;
using Ringfence.Core.Serialization;
using Ringfence.Server.Api;
using Ringfence.Server.Api.Endpoints;
using Ringfence.Server.Auth;
using Ringfence.Server.Demo;
using Ringfence.Server.Engine;
using Ringfence.Server.Metrics;
using Ringfence.Server.ReadModels;
using Ringfence.Server.Streaming;
using Ringfence.Storage.Keys;

namespace Ringfence.Server;

/// <summary>
/// Builds the <c>ringfence serve</c> application: the engine host over the store, API-key authentication, the REST API
/// (one <c>Map…</c> per feature), the WebSocket stream, OpenAPI with its page, metrics and the demo.
/// </summary>
public static class ServerApp
{
    /// <summary>Builds the application from <paramref name="args"/> and, when given, <paramref name="settings"/> (configuration keys such as <c>Ringfence:Db</c>).</summary>
    public static WebApplication Create(string[] args, IReadOnlyDictionary<string, string?>? settings = null)
    {
        var builder = WebApplication.CreateBuilder(args);
        if (settings is not null)
        {
            builder.Configuration.AddInMemoryCollection(settings);
        }

        Configure(builder);
        var app = builder.Build();
        Map(app);
        return app;
    }

    private static void Configure(WebApplicationBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ServerOptions>().Bind(builder.Configuration.GetSection(ServerOptions.Section));
        services.AddSingleton(TimeProvider.System);
        services.AddSingleton<ServerMetrics>();
        services.AddSingleton<EngineService>();
        services.AddHostedService(sp => sp.GetRequiredService<EngineService>());
        services.AddSingleton(sp => new EngineGateway(sp.GetRequiredService<EngineService>(), sp.GetRequiredService<ServerMetrics>()));
        services.AddSingleton(sp => new KeyRing(() => OpenKeys(sp), sp.GetRequiredService<TimeProvider>()));
        services.AddHostedService<KeyRefresher>();
        services.AddSingleton<StreamHub>();
        services.AddSingleton(sp => new LiquidationLog(sp.GetRequiredService<IOptions<ServerOptions>>().Value.LiquidationHistory));
        services.AddSingleton<CommittedViews>();
        services.AddHostedService<FeedDispatcher>();
        services.AddHostedService<DemoPlayer>();

        services.AddAuthentication(ApiKeyAuthentication.SchemeName).AddScheme<Microsoft.AspNetCore.Authentication.AuthenticationSchemeOptions, ApiKeyAuthentication>(ApiKeyAuthentication.SchemeName, null);
        Roles.Add(services.AddAuthorizationBuilder());
        services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context =>
            {
                var user = context.User;
                // Trader keys are limited per key; admin, venue and oracle keys (the venue's own systems) are not.
                if (user.FindFirst(Caller.RoleClaim)?.Value != "trader")
                {
                    return RateLimitPartition.GetNoLimiter("system");
                }

                var perMinute = context.RequestServices.GetRequiredService<IOptions<ServerOptions>>().Value.TraderRequestsPerMinute;
                return RateLimitPartition.GetFixedWindowLimiter(user.FindFirst(Caller.KeyIdClaim)!.Value, _ => new FixedWindowRateLimiterOptions
                {
                    PermitLimit = perMinute,
                    Window = TimeSpan.FromMinutes(1),
                    QueueLimit = 0,
                });
            });
            limiter.OnRejected = async (rejected, _) =>
            {
                var retry = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? (int)Math.Ceiling(after.TotalSeconds) : 60;
                await ProblemWriter.WriteAsync(rejected.HttpContext, new ProblemException(StatusCodes.Status429TooManyRequests, ProblemCodes.RateLimited, "too many requests for this key") { RetryAfterSeconds = retry }).ConfigureAwait(false);
            };
        });
        builder.WebHost.ConfigureKestrel((context, kestrel) =>
            kestrel.Limits.MaxRequestBodySize = context.Configuration.GetSection(ServerOptions.Section).GetValue<long?>(nameof(ServerOptions.MaxRequestBodyBytes)) ?? new ServerOptions().MaxRequestBodyBytes);
        services.Configure<RouteHandlerOptions>(o => o.ThrowOnBadRequest = true);
        services.ConfigureHttpJsonOptions(o => o.SerializerOptions.DefaultIgnoreCondition = System.Text.Json.Serialization.JsonIgnoreCondition.Never);
        services.AddOpenApi("v1", o => o.AddDocumentTransformer((document, _, _) =>
        {
            document.Info.Title = "Ringfence risk service";
            document.Info.Description = "Isolated-margin risk engine: accounts, positions, margin, what-if estimates, market inputs. Every number is a decimal string. Send the API key as X-Api-Key. See docs/api.md.";
            return Task.CompletedTask;
        }));
        builder.Logging.AddSimpleConsole(o => o.SingleLine = true);
        // Authentication brings data protection, which the API does not use (keys are not cookies); its start-up notes are noise.
        builder.Logging.AddFilter("Microsoft.AspNetCore.DataProtection", LogLevel.Error);
        // A line per request (hosting diagnostics, authentication challenges) would cost more than the request itself:
        // requests are counted and timed in /metrics instead. Configuration (Logging:LogLevel) can turn them back on.
        builder.Logging.AddFilter("Microsoft.AspNetCore", LogLevel.Warning);
        builder.Logging.AddFilter(typeof(ApiKeyAuthentication).FullName, LogLevel.Warning);
    }

    // The engine service creates the store; the keys live in the same file or schema, opened once it is there.
    private static IApiKeyStore? OpenKeys(IServiceProvider services) =>
        services.GetRequiredService<EngineService>().IsReady ? ApiKeyStores.Open(services.GetRequiredService<IOptions<ServerOptions>>().Value.Db) : null;

    private static void Map(WebApplication app)
    {
        var metrics = app.Services.GetRequiredService<ServerMetrics>();
        app.Use(Problems);
        app.UseHttpMetrics(o => o.SetMetricFactory(metrics.Factory));
        app.UseWebSockets(new WebSocketOptions { KeepAliveInterval = TimeSpan.FromSeconds(30) });
        app.UseAuthentication();
        app.UseRateLimiter();
        app.UseAuthorization();

        app.MapOpenApi("/openapi/{documentName}.json");
        app.UseSwaggerUI(o =>
        {
            o.RoutePrefix = "docs";
            o.SwaggerEndpoint("/openapi/v1.json", "Ringfence v1");
            o.DocumentTitle = "Ringfence API";
        });
        OperationsEndpoints.Map(app, metrics);
        AccountEndpoints.Map(app);
        PositionEndpoints.Map(app);
        PodEndpoints.Map(app);
        MarketInputEndpoints.Map(app);
        InstrumentEndpoints.Map(app);
        RiskEndpoints.Map(app);
        EstimateEndpoints.Map(app);
        AdminEndpoints.Map(app);
        StreamEndpoint.Map(app);
        app.MapFallback(context => ProblemWriter.WriteAsync(context, ProblemException.NotFound($"{context.Request.Method} {context.Request.Path}")));
    }

    /// <summary>Every error leaves as problem details with a stable code; nothing internal (no stack trace) reaches the client.</summary>
    private static async Task Problems(HttpContext context, RequestDelegate next)
    {
        try
        {
            await next(context).ConfigureAwait(false);
        }
        catch (Exception exception) when (!context.Response.HasStarted)
        {
            var problem = exception switch
            {
                ProblemException known => known,
                JsonInputException input => input.Field == "input"
                    ? new ProblemException(StatusCodes.Status400BadRequest, ProblemCodes.InvalidJson, input.Problem)
                    : ProblemException.InvalidField(input.Field, input.Problem),
                BadHttpRequestException { StatusCode: StatusCodes.Status413PayloadTooLarge } => new ProblemException(StatusCodes.Status413PayloadTooLarge, ProblemCodes.PayloadTooLarge, "the body is too large"),
                BadHttpRequestException bad => new ProblemException(StatusCodes.Status400BadRequest, ProblemCodes.InvalidField, bad.Message),
                EngineNotReadyException notReady => new ProblemException(StatusCodes.Status503ServiceUnavailable, ProblemCodes.NotReady, notReady.Message),
                OperationCanceledException when context.RequestAborted.IsCancellationRequested => null,
                _ => null,
            };
            if (problem is null)
            {
                if (context.RequestAborted.IsCancellationRequested)
                {
                    return;
                }

                ServerLog.Unexpected(context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("Ringfence.Server"), exception, context.Request.Method, context.Request.Path.Value ?? string.Empty);
                problem = new ProblemException(StatusCodes.Status500InternalServerError, "INTERNAL_ERROR", "internal error");
            }

            context.Response.Clear();
            await ProblemWriter.WriteAsync(context, problem).ConfigureAwait(false);
        }
    }
}
