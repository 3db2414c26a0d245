namespace Ringfence.Hosting.Feed;

/// <summary>
/// Ends a results subscription that fell behind: its queue was full when the host had more to publish. The results
/// queued before it are still read first; the subscriber then resubscribes and catches up from a read of the state (or
/// the journal) at the new subscription's <see cref="ResultsSubscription.StartsAfter"/>.
/// </summary>
public sealed class SubscriptionDroppedException : Exception
{
    /// <summary>Creates the exception.</summary>
    public SubscriptionDroppedException()
    {
    }

    /// <summary>Creates the exception with its reason.</summary>
    public SubscriptionDroppedException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its reason and cause.</summary>
    public SubscriptionDroppedException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>The last sequence queued to the subscriber before it was dropped.</summary>
    public long LastDelivered { get; init; }
}
