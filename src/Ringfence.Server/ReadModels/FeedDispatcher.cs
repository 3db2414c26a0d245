using Ringfence.Core.Serialization.Wire;
using Ringfence.Hosting;
using Ringfence.Hosting.Feed;
using Ringfence.Server.Engine;
using Ringfence.Server.Metrics;
using Ringfence.Server.Streaming;

namespace Ringfence.Server.ReadModels;

/// <summary>
/// Reads the host's committed-results feed and hands each result, in journal order, to the read models, the metrics and
/// the WebSocket hub. If the feed drops this reader (it fell a whole queue behind), the hub closes every stream (their
/// clients resubscribe from a REST snapshot) and the reader subscribes again.
/// </summary>
internal sealed class FeedDispatcher(EngineService engine, StreamHub hub, LiquidationLog liquidations, ServerMetrics metrics, ILogger<FeedDispatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        EngineHost host;
        try
        {
            host = await engine.Started.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The engine service reports its own failure; there is no feed to read.
        catch (Exception)
#pragma warning restore CA1031
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            ResultsSubscription subscription;
            try
            {
                subscription = await host.SubscribeAsync(cancellation: stoppingToken).ConfigureAwait(false);
            }
            catch (Exception exception) when (exception is HostFailedException or OperationCanceledException)
            {
                return;
            }

            using (subscription)
            {
                hub.Start(subscription.StartsAfter);
                try
                {
                    await foreach (var result in subscription.Results.ReadAllAsync(stoppingToken).ConfigureAwait(false))
                    {
                        metrics.Committed(result.Sequence, CommandWriter.TypeOf(result.Command.GetType()), result.Result);
                        liquidations.Add(result);
                        hub.Publish(result);
                    }

                    return;
                }
                catch (SubscriptionDroppedException exception)
                {
                    ServerLog.FeedDropped(logger, exception.Message);
                    hub.Reset("the server's feed was interrupted: resubscribe and read a REST snapshot");
                }
                catch (HostFailedException)
                {
                    hub.Reset("the engine stopped");
                    return;
                }
                catch (OperationCanceledException)
                {
                    hub.Reset("the server is shutting down");
                    return;
                }
            }
        }
    }
}
