namespace Ringfence.Server.Auth;

/// <summary>Reloads the keys every two seconds, so <c>ringfence keys create/revoke</c> beside the server take effect.</summary>
internal sealed class KeyRefresher(KeyRing keys, ILogger<KeyRefresher> logger) : BackgroundService
{
    private static readonly TimeSpan Interval = TimeSpan.FromSeconds(2);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                try
                {
                    keys.Refresh();
                }
                catch (Storage.StorageException exception)
                {
                    // The keys loaded before stay in force; the next tick tries again.
                    ServerLog.KeysNotReloaded(logger, exception.Message);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
