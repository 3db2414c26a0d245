using Microsoft.Extensions.Options;
using Ringfence.Hosting;
using Hosting = Ringfence.Hosting;
using Ringfence.Storage;

namespace Ringfence.Server.Engine;

/// <summary>
/// Owns the server's <see cref="EngineHost"/>: opens the store and recovers the state in the background when the
/// server starts (so <c>/healthz</c> answers at once and <c>/readyz</c> once recovery is done), and on shutdown drains
/// the host's queue and commits what was accepted before the process exits.
/// </summary>
internal sealed class EngineService(IOptions<ServerOptions> options, ReadModels.CommittedViews positions, ILogger<EngineService> logger) : IHostedService, IAsyncDisposable
{
    private readonly TaskCompletionSource<EngineHost> _started = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task? _starting;

    /// <summary>True once recovery has finished and commands are taken.</summary>
    public bool IsReady => _started.Task.IsCompletedSuccessfully;

    /// <summary>Why the engine could not start, or null.</summary>
    public Exception? StartFailure => _started.Task.Exception?.InnerException;

    /// <summary>Completes with the host once it runs; fails when the store cannot be opened or recovered.</summary>
    public Task<EngineHost> Started => _started.Task;

    /// <summary>The running host.</summary>
    /// <exception cref="EngineNotReadyException">Recovery has not finished, or failed.</exception>
    public EngineHost Host => _started.Task.IsCompletedSuccessfully
        ? _started.Task.Result
        : throw new EngineNotReadyException(StartFailure is { } failure ? $"the engine could not start: {failure.Message}" : "the engine is still recovering its state");

    public Task StartAsync(CancellationToken cancellationToken)
    {
        var settings = options.Value;
        _starting = Task.Run(() =>
        {
            try
            {
                var store = EngineStores.Open(settings.Db, StoreAccess.Write);
                ServerLog.Recovering(logger, store.Description);
                var hostOptions = new Hosting.HostOptions { Committed = positions.Apply };
                if (settings.SnapshotEvery > 0)
                {
                    hostOptions = hostOptions with { SnapshotEvery = settings.SnapshotEvery };
                }

                var host = EngineHost.Start(store, hostOptions);
                // Built between batches on the engine thread; from then on every committed batch updates it.
                host.ReadAsync(engine =>
                {
                    positions.Initialize(engine, host.Sequence);
                    return true;
                }).GetAwaiter().GetResult();
                ServerLog.Recovered(logger, host.Sequence, host.Recovery.Replayed);
                _started.TrySetResult(host);
            }
#pragma warning disable CA1031 // The failure is the readiness probe's answer and every request's; the process stays up to say so.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                ServerLog.EngineFailed(logger, exception);
                _started.TrySetException(exception);
            }
        }, CancellationToken.None);
        return Task.CompletedTask;
    }

    public async Task StopAsync(CancellationToken cancellationToken) => await DisposeAsync().ConfigureAwait(false);

    public async ValueTask DisposeAsync()
    {
        if (_starting is { } starting)
        {
            await starting.ConfigureAwait(false);
            _starting = null;
            if (_started.Task.IsCompletedSuccessfully)
            {
                // Finishes what is queued: every command accepted is journaled and acknowledged before the store closes.
                await _started.Task.Result.DisposeAsync().ConfigureAwait(false);
            }
        }
    }
}
