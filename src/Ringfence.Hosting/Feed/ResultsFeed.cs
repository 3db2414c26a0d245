namespace Ringfence.Hosting.Feed;

/// <summary>
/// The committed-results feed of one host: after a batch is durable in the journal, the engine thread offers each of
/// its results to every subscriber's bounded queue, in order. Publishing never blocks: a full queue drops its
/// subscriber. Subscribing, publishing and ending run on the engine thread only (a subscription is made between
/// batches, so its starting point is exact); a subscriber may dispose its subscription from any thread.
/// </summary>
internal sealed class ResultsFeed
{
    private readonly List<ResultsSubscription> _subscribers = [];

    /// <summary>How many subscriptions are live.</summary>
    public int Count => _subscribers.Count;

    /// <summary>A subscription to every result committed after <paramref name="committed"/>.</summary>
    public ResultsSubscription Subscribe(long committed, int capacity)
    {
        var subscription = new ResultsSubscription(committed, capacity);
        _subscribers.Add(subscription);
        return subscription;
    }

    /// <summary>Offers a committed batch's results, in order, to every subscriber; drops the ones that cannot take them.</summary>
    public void Publish(IReadOnlyList<CommittedResult> batch)
    {
        if (_subscribers.Count == 0 || batch.Count == 0)
        {
            return;
        }

        for (var s = _subscribers.Count - 1; s >= 0; s--)
        {
            var subscriber = _subscribers[s];
            if (subscriber.IsDisposed || !OfferAll(subscriber, batch))
            {
                _subscribers.RemoveAt(s);
            }
        }
    }

    /// <summary>Ends every subscription: the host has stopped (<paramref name="failure"/> when it failed).</summary>
    public void End(Exception? failure)
    {
        foreach (var subscriber in _subscribers)
        {
            subscriber.End(failure);
        }

        _subscribers.Clear();
    }

    private static bool OfferAll(ResultsSubscription subscriber, IReadOnlyList<CommittedResult> batch)
    {
        for (var i = 0; i < batch.Count; i++)
        {
            if (!subscriber.Offer(batch[i]))
            {
                if (!subscriber.IsDisposed)
                {
                    subscriber.Drop(batch[i].Sequence);
                }

                return false;
            }
        }

        return true;
    }
}
