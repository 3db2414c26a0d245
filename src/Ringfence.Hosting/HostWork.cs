using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;

namespace Ringfence.Hosting;

/// <summary>An item on the host's queue: a command to journal, or a read of the committed state.</summary>
internal abstract class HostWork
{
    /// <summary>Fails the work's caller with <paramref name="exception"/>.</summary>
    public abstract void Fail(Exception exception);
}

/// <summary>A parsed command with the text it was submitted as (the journal stores the command in its binary form).</summary>
internal sealed class CommandWork(Command command, string text) : HostWork
{
    private readonly TaskCompletionSource<Acknowledgement> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Command Command { get; } = command;

    public string Text { get; } = text;

    public Task<Acknowledgement> Done => _done.Task;

    public void Acknowledge(Acknowledgement acknowledgement) => _done.TrySetResult(acknowledgement);

    public override void Fail(Exception exception) => _done.TrySetException(exception);
}

/// <summary>A read run on the engine thread between batches, so it sees only journaled state.</summary>
internal sealed class QueryWork<T>(Func<MarginEngine, T> read) : HostWork, IQueryWork
{
    private readonly TaskCompletionSource<T> _done = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task<T> Done => _done.Task;

    public void Run(MarginEngine engine)
    {
        try
        {
            _done.TrySetResult(read(engine));
        }
#pragma warning disable CA1031 // A failing read belongs to its caller; the engine thread goes on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _done.TrySetException(exception);
        }
    }

    public override void Fail(Exception exception) => _done.TrySetException(exception);
}

/// <summary>Wakes the engine thread: the periodic snapshot encoded on another thread is ready to be saved.</summary>
internal sealed class SnapshotEncoded : HostWork
{
    public static SnapshotEncoded Instance { get; } = new();

    // Nobody waits on a periodic snapshot.
    public override void Fail(Exception exception)
    {
    }
}

/// <summary>A query, whatever it returns.</summary>
internal interface IQueryWork
{
    /// <summary>Runs the read against the engine and completes the caller.</summary>
    void Run(MarginEngine engine);
}
