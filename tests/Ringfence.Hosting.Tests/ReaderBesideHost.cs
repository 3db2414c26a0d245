namespace Ringfence.Hosting.Tests;

/// <summary>
/// A reader opened on a store while its host was running: the host submitted the first half of every scenario's
/// commands, the reader was opened, then the host submitted the rest and snapshotted past the reader's end.
/// </summary>
/// <param name="Store">The store the host wrote.</param>
/// <param name="Reader">The reader, which ends where the journal ended when it was opened.</param>
/// <param name="SeenByReader">The commands journaled before the reader was opened, in order.</param>
internal sealed record ReaderBesideHost(MemoryStore Store, ReaderView Reader, IReadOnlyList<string> SeenByReader)
{
    /// <summary>Runs the host and opens the reader halfway.</summary>
    public static async Task<ReaderBesideHost> RunAsync()
    {
        var commands = Scenarios.All();
        var half = commands.Count / 2;
        var store = new MemoryStore();
        await using var host = EngineHost.Start(store, new HostOptions { SnapshotEvery = 10, MaxBatch = 4 });
        foreach (var command in commands.Take(half))
        {
            await host.SubmitAsync(command);
        }

        var reader = new ReaderView(store);
        foreach (var command in commands.Skip(half))
        {
            await host.SubmitAsync(command);
        }

        return new ReaderBesideHost(store, reader, commands.Take(half).ToList());
    }
}
