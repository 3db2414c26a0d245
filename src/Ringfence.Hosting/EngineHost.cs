using System.Threading.Channels;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Engine.Views;
using Ringfence.Core.Pods;
using Ringfence.Core.Serialization;
using Ringfence.Core.Serialization.Wire;
using Ringfence.Hosting.Feed;
using Ringfence.Hosting.Recovery;
using Ringfence.Storage;
using Ringfence.Storage.Journal;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Hosting;

/// <summary>
/// Runs one <see cref="MarginEngine"/> durably: one thread owns the engine and the store; callers submit commands over
/// a bounded queue; the thread executes what is queued (up to <see cref="HostOptions.MaxBatch"/>), journals the batch
/// in one transaction (group commit), and only then acknowledges each command. Reads run on the same thread between
/// batches and return immutable views, so no caller ever sees the live state or an unjournaled change.
/// </summary>
/// <remarks>
/// Commands run before their batch is journaled; if the journal write fails, the in-memory state is ahead of the
/// journal, so the host fails every pending caller with <see cref="HostFailedException"/> and stops: restart it to
/// recover exactly what was journaled. Rejected commands are journaled too (they change nothing and replay the same),
/// which keeps the journal a plain record of what was asked, in order.
/// </remarks>
public sealed class EngineHost : IAsyncDisposable
{
    /// <summary>The results a subscriber may leave unread by default: about a fifth of a second at 500,000 commands/s.</summary>
    public const int DefaultFeedCapacity = 100_000;

    private readonly IEngineStore _store;
    private readonly HostOptions _options;
    private readonly MarginEngine _engine;
    private readonly Channel<HostWork> _queue;
    private readonly Thread _thread;
    private readonly TaskCompletionSource _stopped = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly List<(CommandWork Work, Acknowledgement Acknowledgement)> _batch = [];
    private readonly List<Core.Engine.Commands.Command> _commands = [];
    private readonly ResultsFeed _feed = new();

    // The batch's results for the feed, made only while someone subscribes.
    private readonly List<CommittedResult> _published = [];
    private long _sequence;
    private string _checksum;
    private long _committed;
    private long _commits;
    private long _lastSnapshot;
    private long _faults;
    private volatile Exception? _failure;
    private volatile Exception? _snapshotFailure;
    private volatile Exception? _hookFailure;
    private Task<StoredSnapshot>? _encoding;

    private EngineHost(IEngineStore store, HostOptions options, RecoveredEngine recovered)
    {
        _store = store;
        _options = options;
        _engine = recovered.Engine;
        _sequence = _committed = recovered.Sequence;
        _checksum = recovered.JournalChecksum;
        _lastSnapshot = recovered.Report.Snapshot?.Sequence ?? 0;
        Recovery = recovered.Report;
        _queue = Channel.CreateBounded<HostWork>(new BoundedChannelOptions(options.QueueCapacity)
        {
            SingleReader = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
        _thread = new Thread(Run) { Name = "ringfence-engine", IsBackground = true };
    }

    /// <summary>How the state was recovered when the host started.</summary>
    public RecoveryReport Recovery { get; }

    /// <summary>The last journaled (durable, acknowledged or about to be) command's sequence.</summary>
    public long Sequence => Interlocked.Read(ref _committed);

    /// <summary>Journal transactions (group commits) since the host started: <see cref="Sequence"/> over this is the mean batch.</summary>
    public long Commits => Interlocked.Read(ref _commits);

    /// <summary>
    /// Commands since the host started that made the engine fault: each was rolled back, journaled and acknowledged as
    /// a rejection with code <c>INTERNAL_ERROR</c> (the engine's fault policy), and the host went on. Each is a defect.
    /// </summary>
    public long Faults => Interlocked.Read(ref _faults);

    /// <summary>Why the host stopped taking commands, or null while it runs.</summary>
    public Exception? Failure => _failure;

    /// <summary>What the last <see cref="HostOptions.Committed"/> call threw, or null.</summary>
    public Exception? CommittedHookFailure => _hookFailure;

    /// <summary>Why the last periodic snapshot could not be stored, or null (the next one is tried after another interval).</summary>
    public Exception? SnapshotFailure => _snapshotFailure;

    /// <summary>
    /// Recovers the state in <paramref name="store"/> (see <see cref="EngineRecovery"/>) and starts the engine thread.
    /// The host owns <paramref name="store"/> from here on and disposes of it when it stops, or at once when it cannot
    /// start (so a store's writer lock is not held by a host that never ran).
    /// </summary>
    /// <exception cref="RecoveryException">The store's journal is damaged or truncated.</exception>
    public static EngineHost Start(IEngineStore store, HostOptions? options = null, IPodMarginModel? podModel = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        options ??= new HostOptions();
        RecoveredEngine recovered;
        try
        {
            options.Validate();
            recovered = EngineRecovery.Recover(store, podModel);
        }
        catch
        {
            store.Dispose();
            throw;
        }

        var host = new EngineHost(store, options, recovered);
        host._thread.Start();
        return host;
    }

    /// <summary>
    /// Submits one command in the scenario format (docs/scenario-format.md) and completes once it is journaled.
    /// </summary>
    /// <param name="commandJson">One command as JSON; it is parsed here, so a malformed one fails at once and is never journaled.</param>
    /// <param name="cancellation">Cancels waiting for room in the queue (not a command already queued).</param>
    /// <exception cref="JsonInputException">The text is not a valid command.</exception>
    /// <exception cref="HostFailedException">The host has stopped.</exception>
    public async Task<Acknowledgement> SubmitAsync(string commandJson, CancellationToken cancellation = default)
    {
        var acknowledged = await QueueAsync(commandJson, cancellation).ConfigureAwait(false);
        return await acknowledged.ConfigureAwait(false);
    }

    /// <summary>
    /// Queues one command and returns as soon as it is queued, with the task of its acknowledgement: a caller that
    /// awaits each queueing before the next keeps its commands in order while many wait for the same group commit.
    /// </summary>
    /// <param name="commandJson">One command as JSON; it is parsed here, so a malformed one fails at once and is never journaled.</param>
    /// <param name="cancellation">Cancels waiting for room in the queue (not a command already queued).</param>
    /// <exception cref="JsonInputException">The text is not a valid command.</exception>
    /// <exception cref="HostFailedException">The host has stopped.</exception>
    public async ValueTask<Task<Acknowledgement>> QueueAsync(string commandJson, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(commandJson);
        var text = commandJson.Trim();
        var work = new CommandWork(CommandJson.Parse(text), text);
        await EnqueueAsync(work, cancellation).ConfigureAwait(false);
        return work.Done;
    }

    /// <summary>
    /// Queues a command already parsed (an API that builds commands from its own requests) and returns as soon as it is
    /// queued, with the task of its acknowledgement; the feed carries its text as <see cref="CommandWriter"/> writes it.
    /// </summary>
    /// <param name="command">The command.</param>
    /// <param name="cancellation">Cancels waiting for room in the queue (not a command already queued).</param>
    /// <exception cref="HostFailedException">The host has stopped.</exception>
    public async ValueTask<Task<Acknowledgement>> QueueAsync(Core.Engine.Commands.Command command, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var work = new CommandWork(command, CommandWriter.Write(command));
        await EnqueueAsync(work, cancellation).ConfigureAwait(false);
        return work.Done;
    }

    /// <summary>Submits a command already parsed and completes once it is journaled (see <see cref="QueueAsync(Core.Engine.Commands.Command, CancellationToken)"/>).</summary>
    /// <exception cref="HostFailedException">The host has stopped.</exception>
    public async Task<Acknowledgement> SubmitAsync(Core.Engine.Commands.Command command, CancellationToken cancellation = default)
    {
        var acknowledged = await QueueAsync(command, cancellation).ConfigureAwait(false);
        return await acknowledged.ConfigureAwait(false);
    }

    /// <summary>
    /// Runs <paramref name="read"/> on the engine thread between batches, so it sees exactly the journaled state. It
    /// must return immutable data that does not refer to the live engine (the engine's query results and views are).
    /// A read that throws fails only its caller.
    /// </summary>
    /// <exception cref="HostFailedException">The host has stopped.</exception>
    public Task<T> ReadAsync<T>(Func<MarginEngine, T> read, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(read);
        return QueryAsync(read, cancellation);
    }

    /// <summary>
    /// Subscribes to the committed-results feed: every command committed from now on (after the returned
    /// subscription's <see cref="ResultsSubscription.StartsAfter"/>), exactly once and in journal order, each published
    /// only after its batch is durable and before its caller is acknowledged. A subscriber whose queue of
    /// <paramref name="capacity"/> results fills is dropped, never waited for.
    /// </summary>
    /// <param name="capacity">How many results may wait unread; positive.</param>
    /// <param name="cancellation">Cancels waiting for room in the queue.</param>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="capacity"/> is not positive.</exception>
    /// <exception cref="HostFailedException">The host has stopped.</exception>
    public Task<ResultsSubscription> SubscribeAsync(int capacity = DefaultFeedCapacity, CancellationToken cancellation = default)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(capacity);
        return QueryAsync(_ => _feed.Subscribe(Interlocked.Read(ref _committed), capacity), cancellation);
    }

    /// <summary>The committed state as an immutable view (accounts, positions, markets, hash).</summary>
    public Task<EngineView> ViewAsync(CancellationToken cancellation = default) => QueryAsync(engine => engine.View(), cancellation);

    /// <summary>The committed state's hash.</summary>
    public Task<string> HashAsync(CancellationToken cancellation = default) => QueryAsync(engine => engine.Hash(), cancellation);

    /// <summary>Takes and stores a snapshot of the committed state now.</summary>
    public Task<SnapshotInfo> SnapshotAsync(CancellationToken cancellation = default) => QueryAsync(_ => TakeSnapshot(), cancellation);

    /// <summary>Stops taking commands, finishes (journals and acknowledges) what is queued, and closes the store.</summary>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _stopped.Task.ConfigureAwait(false);
        _store.Dispose();
    }

    private async Task<T> QueryAsync<T>(Func<MarginEngine, T> read, CancellationToken cancellation)
    {
        var work = new QueryWork<T>(read);
        await EnqueueAsync(work, cancellation).ConfigureAwait(false);
        return await work.Done.ConfigureAwait(false);
    }

    private async ValueTask EnqueueAsync(HostWork work, CancellationToken cancellation)
    {
        try
        {
            await _queue.Writer.WriteAsync(work, cancellation).ConfigureAwait(false);
        }
        catch (ChannelClosedException exception)
        {
            throw _failure is null ? new HostFailedException("the host is stopping", exception) : Stopped();
        }
    }

    private void Run()
    {
        var reader = _queue.Reader;

        // The item being worked on when something throws: it was taken off the queue, so neither the batch nor the
        // drain below would ever complete it, and its caller would wait forever.
        HostWork? current = null;
        try
        {
            // The engine thread blocks rather than awaits: it must stay the one thread that touches the engine.
            while (reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult())
            {
                while (_failure is null && reader.TryRead(out var work))
                {
                    current = work;
                    if (work is CommandWork command)
                    {
                        Execute(command);
                        if (_batch.Count >= _options.MaxBatch)
                        {
                            Commit();
                        }
                    }
                    else if (work is SnapshotEncoded)
                    {
                        SaveEncodedSnapshot();
                    }
                    else
                    {
                        Commit();
                        if (_failure is null)
                        {
                            ((IQueryWork)work).Run(_engine);
                        }
                        else
                        {
                            work.Fail(Stopped());
                        }
                    }

                    current = null;
                }

                // Nothing more is queued: commit now rather than wait for a full batch, so a lone command is not delayed.
                Commit();
                if (_failure is not null)
                {
                    break;
                }
            }

            if (_failure is null)
            {
                // A clean stop keeps the snapshot being encoded: the next start then replays less.
                SaveEncodedSnapshot(wait: true);
            }
        }
#pragma warning disable CA1031 // Anything the loop did not expect stops the host the same way a journal failure does.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Stop(exception);
            current?.Fail(Stopped());
        }
        finally
        {
            while (reader.TryRead(out var left))
            {
                left.Fail(Stopped());
            }

            // Every result published was committed; the subscribers now learn that no more will come, and why.
            _feed.End(_failure is null ? null : Stopped());
            _stopped.TrySetResult();
        }
    }

    private void Execute(CommandWork work)
    {
        var sequence = _sequence + 1;
        var result = _engine.Execute(work.Command);
        if (result.Rejection is { Code: RejectionCodes.InternalError })
        {
            Interlocked.Increment(ref _faults);
        }

        _commands.Add(work.Command);
        _batch.Add((work, new Acknowledgement(sequence, work.Command.ClientId, result)));
        if (_feed.Count > 0)
        {
            _published.Add(new CommittedResult(sequence, work.Command, work.Text, result));
        }

        _sequence = sequence;
    }

    private void Commit()
    {
        if (_batch.Count == 0)
        {
            return;
        }

        // One row, one checksum and one durable write for the whole batch, its commands in their binary form.
        var first = _sequence - _commands.Count + 1;
        string checksum;
        try
        {
            var payload = JournalBatchCodec.Encode(_commands);
            checksum = JournalChain.Next(_checksum, first, _sequence, payload);
            _store.Journal.Append(new JournalBatch(first, _commands.Count, payload, checksum, _options.Clock.GetUtcNow()));
        }
#pragma warning disable CA1031 // Whatever the store threw, the batch is not known to be durable: stop.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            Stop(exception);
            return;
        }

        _checksum = checksum;
        Interlocked.Exchange(ref _committed, _sequence);
        Interlocked.Increment(ref _commits);

        if (_options.Committed is { } committed)
        {
            try
            {
                committed(_engine, [.. _batch.Select(b => b.Acknowledgement)]);
            }
#pragma warning disable CA1031 // A read model's failure is its own: the batch is durable, so the host goes on.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                _hookFailure = exception;
            }
        }

        // Published before the callers are acknowledged: a caller that sees its acknowledgement and then reads a model
        // fed by a subscription finds its change queued there already.
        _feed.Publish(_published);
        _published.Clear();
        foreach (var (work, acknowledgement) in _batch)
        {
            work.Acknowledge(acknowledgement);
        }

        _batch.Clear();
        _commands.Clear();
        SaveEncodedSnapshot();
        if (_options.SnapshotEvery > 0 && _sequence - _lastSnapshot >= _options.SnapshotEvery && _encoding is null)
        {
            StartPeriodicSnapshot();
        }
    }

    /// <summary>
    /// Takes the state (an immutable copy of references, cheap) here and hashes and encodes it on another thread — at
    /// 10⁶ positions that is seconds the engine thread would otherwise stand still. This thread, the store's only
    /// user, saves the result once it is ready (<see cref="SaveEncodedSnapshot"/>); a wake-up item on the queue makes
    /// sure an idle host does not wait for its next command to do so.
    /// </summary>
    private void StartPeriodicSnapshot()
    {
        var state = _engine.TakeSnapshot();
        var sequence = _sequence;
        var checksum = _checksum;
        _lastSnapshot = sequence;
        _encoding = Task.Run(() =>
        {
            try
            {
                return StoredSnapshot.Capture(state, sequence, checksum, _options.Clock.GetUtcNow());
            }
            finally
            {
                // A full queue does not need the nudge: the thread is busy and saves it after its next commit.
                _queue.Writer.TryWrite(SnapshotEncoded.Instance);
            }
        });
    }

    /// <summary>Saves the periodic snapshot if its encoding has finished (or, when <paramref name="wait"/>, once it has).</summary>
    private void SaveEncodedSnapshot(bool wait = false)
    {
        if (_encoding is not { } encoding || (!wait && !encoding.IsCompleted))
        {
            return;
        }

        _encoding = null;
        try
        {
            _store.Snapshots.Save(encoding.GetAwaiter().GetResult());
            _snapshotFailure = null;
        }
#pragma warning disable CA1031 // A snapshot only shortens recovery; the journal alone keeps every command, so go on.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            _snapshotFailure = exception;
        }
    }

    private SnapshotInfo TakeSnapshot()
    {
        var stored = StoredSnapshot.Capture(_engine.TakeSnapshot(), _sequence, _checksum, _options.Clock.GetUtcNow());
        _store.Snapshots.Save(stored);
        _lastSnapshot = _sequence;
        return stored.Info;
    }

    /// <summary>What a caller gets once the host has stopped (on a clean stop, <see cref="Failure"/> is null).</summary>
    private HostFailedException Stopped() => new(_failure is null ? "the host has stopped" : $"the host has stopped: {_failure.Message}", _failure);

    private void Stop(Exception exception)
    {
        _failure = exception;
        _queue.Writer.TryComplete();
        var failed = new HostFailedException($"the host has stopped: {exception.GetType().Name}: {exception.Message}", exception);
        foreach (var (work, _) in _batch)
        {
            work.Fail(failed);
        }

        _batch.Clear();
        _commands.Clear();
        _published.Clear();
    }
}
