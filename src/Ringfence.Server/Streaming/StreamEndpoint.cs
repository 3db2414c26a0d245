using Microsoft.Extensions.Options;
using Ringfence.Server.Api;
using Ringfence.Server.Auth;
using Ringfence.Server.Engine;
using Ringfence.Server.Metrics;

namespace Ringfence.Server.Streaming;

/// <summary><c>/v1/stream</c>: the WebSocket stream (docs/api.md, "WebSocket").</summary>
internal static class StreamEndpoint
{
    public static void Map(IEndpointRouteBuilder routes) =>
        routes.Map("/v1/stream", Accept).WithTags("stream").ExcludeFromDescription();

    private static async Task Accept(HttpContext context, StreamHub hub, KeyRing keys, EngineGateway gateway, ServerMetrics metrics, IOptions<ServerOptions> options, IHostApplicationLifetime lifetime)
    {
        if (!context.WebSockets.IsWebSocketRequest)
        {
            await ProblemWriter.WriteAsync(context, new ProblemException(StatusCodes.Status400BadRequest, ProblemCodes.InvalidField, "connect with a WebSocket (an HTTP Upgrade request) to stream")).ConfigureAwait(false);
            return;
        }

        // A key in the headers authenticates at once; a browser, which cannot set them, sends {"op":"auth"} first.
        Caller? caller = null;
        if (ApiKeyAuthentication.Presented(context.Request) is { } presented)
        {
            if (keys.Authenticate(presented) is not { } key)
            {
                await ProblemWriter.WriteAsync(context, new ProblemException(StatusCodes.Status401Unauthorized, ProblemCodes.Unauthorized, "the API key is unknown or revoked")).ConfigureAwait(false);
                return;
            }

            caller = Caller.Of(ApiKeyAuthentication.Principal(key));
        }

        gateway.Running();
        var settings = options.Value;
        using var socket = await context.WebSockets.AcceptWebSocketAsync().ConfigureAwait(false);
        using var connection = new StreamConnection(socket, caller, hub, keys, settings.StreamQueueCapacity, TimeSpan.FromSeconds(settings.StreamPingSeconds),
            own => gateway.ReadAsync(engine => Api.Endpoints.Access.OwnAccounts(engine, own)), metrics.Connections);
        await connection.LoadVisibleAsync().ConfigureAwait(false);
        using var stop = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, lifetime.ApplicationStopping);
        await connection.RunAsync(stop.Token).ConfigureAwait(false);
    }
}
