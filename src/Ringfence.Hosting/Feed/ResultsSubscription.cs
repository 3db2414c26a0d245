using System.Threading.Channels;

namespace Ringfence.Hosting.Feed;

/// <summary>
/// One subscriber's view of the committed-results feed: every command committed after <see cref="StartsAfter"/>, each
/// exactly once and in journal order, in a bounded queue of its own. A subscriber that lets the queue fill is dropped
/// (its reader ends with <see cref="SubscriptionDroppedException"/> once the queued results are read) — the host never
/// waits for it. When the host stops, the reader ends: cleanly on a clean stop, with <see cref="HostFailedException"/>
/// when the host failed. Dispose it to stop receiving.
/// </summary>
public sealed class ResultsSubscription : IDisposable
{
    private readonly Channel<CommittedResult> _queue;
    private volatile bool _disposed;
    private long _lastDelivered;

    internal ResultsSubscription(long startsAfter, int capacity)
    {
        StartsAfter = startsAfter;
        _lastDelivered = startsAfter;
        Capacity = capacity;
        _queue = Channel.CreateBounded<CommittedResult>(new BoundedChannelOptions(capacity)
        {
            SingleWriter = true,
            FullMode = BoundedChannelFullMode.Wait,
        });
    }

    /// <summary>The sequence committed when the subscription began: it receives every result after it.</summary>
    public long StartsAfter { get; }

    /// <summary>How many results may wait unread before the subscription is dropped.</summary>
    public int Capacity { get; }

    /// <summary>The results, in journal order.</summary>
    public ChannelReader<CommittedResult> Results => _queue.Reader;

    internal bool IsDisposed => _disposed;

    /// <summary>Stops the subscription; results not yet read are discarded.</summary>
    public void Dispose()
    {
        _disposed = true;
        _queue.Writer.TryComplete();
        while (_queue.Reader.TryRead(out _))
        {
        }
    }

    /// <summary>Queues one result; false when the queue is full (the feed then drops the subscription).</summary>
    internal bool Offer(CommittedResult result)
    {
        if (!_queue.Writer.TryWrite(result))
        {
            return false;
        }

        _lastDelivered = result.Sequence;
        return true;
    }

    /// <summary>Ends the subscription because it fell behind.</summary>
    internal void Drop(long sequence) => _queue.Writer.TryComplete(new SubscriptionDroppedException(
        $"the subscriber fell behind: {Capacity} results were waiting unread when sequence {sequence} was committed; it was dropped after sequence {_lastDelivered}")
    {
        LastDelivered = _lastDelivered,
    });

    /// <summary>Ends the subscription because the host stopped (with its failure, if it failed).</summary>
    internal void End(Exception? failure) => _queue.Writer.TryComplete(failure);
}
