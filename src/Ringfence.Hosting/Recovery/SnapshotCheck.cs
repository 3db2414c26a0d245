namespace Ringfence.Hosting.Recovery;

/// <summary>One snapshot checked against a full replay of the journal.</summary>
/// <param name="Sequence">The snapshot's sequence.</param>
/// <param name="StoredHash">The state hash stored with it.</param>
/// <param name="ReplayedHash">The hash of the state replayed from the journal's start to that sequence; null when the replay did not get there.</param>
/// <param name="Problem">What is wrong with it (hash differs, payload damaged, does not decode, decodes to another state), or null.</param>
public sealed record SnapshotCheck(long Sequence, string StoredHash, string? ReplayedHash, string? Problem)
{
    /// <summary>Whether the snapshot agrees with the journal.</summary>
    public bool Verified => Problem is null;
}
