using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Options;
using Ringfence.Core.Accounts;
using Ringfence.Hosting;
using Ringfence.Server.Auth;
using Ringfence.Server.Engine;

namespace Ringfence.Server.Demo;

/// <summary>
/// Runs the demo (<c>serve --demo</c>): seeds the venue into an empty store, makes fresh demo keys (revoking the last
/// run's), prints the URL and the keys, then plays the price path as mark prices, one step per second divided by the
/// speed, over and over — re-opening the traders' positions after each pass — so top-ups, partial and full
/// liquidations, fund payouts and auto-deleveraging happen while you watch.
/// </summary>
internal sealed class DemoPlayer(IOptions<ServerOptions> options, EngineService engine, KeyRing keys, IServer server, IHostApplicationLifetime lifetime, TimeProvider clock, ILogger<DemoPlayer> logger) : BackgroundService
{
    /// <summary>The label of the demo's keys.</summary>
    public const string KeyLabel = "demo";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        using var registration = lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        EngineHost host;
        try
        {
            host = await engine.Started.WaitAsync(stoppingToken).ConfigureAwait(false);
            await started.Task.WaitAsync(stoppingToken).ConfigureAwait(false);
        }
#pragma warning disable CA1031 // The engine's failure is reported by its service and /readyz.
        catch (Exception)
#pragma warning restore CA1031
        {
            return;
        }

        var url = server.Features.Get<IServerAddressesFeature>()?.Addresses.FirstOrDefault() ?? "(no address)";
        await Console.Out.WriteLineAsync($"Ringfence is serving {url} (API docs at {url}/docs) on {settings.Db}").ConfigureAwait(false);
        if (!settings.Demo)
        {
            return;
        }

        var path = settings.Prices is { } file ? DemoPricePath.FromKlines(file) : DemoPricePath.Synthetic();
        try
        {
            if (host.Sequence == 0)
            {
                await RunAsync(host, DemoVenue.Listing(), stoppingToken).ConfigureAwait(false);
                await RunAsync(host, DemoVenue.Marks(path[0], clock.GetUtcNow()), stoppingToken).ConfigureAwait(false);
            }

            PrintKeys();
            var interval = TimeSpan.FromSeconds(1 / Math.Max(settings.Speed, 0.001));
            for (var round = 0; !stoppingToken.IsCancellationRequested; round++)
            {
                await RunAsync(host, DemoVenue.Marks(path[0], clock.GetUtcNow()), stoppingToken).ConfigureAwait(false);
                var open = await host.ReadAsync(engine => DemoVenue.Traders.Append("alice.hedge")
                    .SelectMany(t => engine.Queries.PositionKeysOf(AccountId.Create(t)))
                    .Select(Api.ResourceIds.Of)
                    .ToHashSet(StringComparer.Ordinal), stoppingToken).ConfigureAwait(false);
                await RunAsync(host, DemoVenue.Positions(path[0], round, open.Contains), stoppingToken).ConfigureAwait(false);
                ServerLog.Demo(logger, $"pass {round + 1}: positions opened, playing {path.Count} prices");
                foreach (var price in path)
                {
                    await Task.Delay(interval, clock, stoppingToken).ConfigureAwait(false);
                    await RunAsync(host, DemoVenue.Marks(price, clock.GetUtcNow()), stoppingToken).ConfigureAwait(false);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
        catch (HostFailedException)
        {
            // The engine stopped (shutdown or a journal failure): the demo stops with it.
        }
    }

    private void PrintKeys()
    {
        foreach (var old in keys.List().Where(k => k.Label == KeyLabel && k.RevokedAt is null))
        {
            keys.Revoke(old.Id);
        }

        var lines = new List<string> { "Demo API keys (send as X-Api-Key; new on every start):" };
        foreach (var role in new[] { Role.Admin, Role.Venue, Role.Oracle })
        {
            lines.Add($"  {RoleNames.Of(role),-8} {keys.Create(role, null, KeyLabel).Text}");
        }

        foreach (var trader in DemoVenue.Traders)
        {
            lines.Add($"  {trader,-8} {keys.Create(Role.Trader, AccountId.Create(trader), KeyLabel).Text}");
        }

        Console.Out.WriteLine(string.Join(Environment.NewLine, lines));
    }

    private async Task RunAsync(EngineHost host, IReadOnlyList<string> commands, CancellationToken cancellation)
    {
        var pending = new List<Task<Acknowledgement>>(commands.Count);
        foreach (var command in commands)
        {
            pending.Add(await host.QueueAsync(command, cancellation).ConfigureAwait(false));
        }

        foreach (var acknowledgement in await Task.WhenAll(pending).ConfigureAwait(false))
        {
            // A demo command refused for a reason other than a repeated id or a trader already liquidated out of
            // money is a defect in the demo's book: say so.
            if (acknowledgement.Result.Rejection is { } rejection && rejection.Code is not (Core.Engine.Events.RejectionCodes.InsufficientBalance or Core.Engine.Events.RejectionCodes.InsufficientMargin))
            {
                ServerLog.Demo(logger, $"command {acknowledgement.Sequence} refused: {rejection.Code} {rejection.Reason}");
            }
        }
    }
}
