namespace Ringfence.Hosting.Recovery;

/// <summary>The result of replaying a whole journal from its first entry and checking every snapshot on the way.</summary>
/// <param name="JournalEntries">Entries the journal holds.</param>
/// <param name="Replayed">Entries replayed (all of them unless <see cref="JournalProblem"/>).</param>
/// <param name="Accepted">Replayed commands the engine accepted.</param>
/// <param name="Rejected">Replayed commands the engine rejected (journaled all the same, rejected again the same way).</param>
/// <param name="Events">Events the replay produced.</param>
/// <param name="StateHash">The hash of the replayed state.</param>
/// <param name="Snapshots">Every stored snapshot, oldest first, with its check.</param>
/// <param name="JournalProblem">The first damaged, missing or unreadable batch, or null.</param>
/// <param name="Elapsed">How long the replay took.</param>
public sealed record VerificationReport(
    long JournalEntries,
    long Replayed,
    long Accepted,
    long Rejected,
    long Events,
    string StateHash,
    IReadOnlyList<SnapshotCheck> Snapshots,
    string? JournalProblem,
    TimeSpan Elapsed)
{
    /// <summary>Whether the journal is whole and every snapshot agrees with it.</summary>
    public bool Verified => JournalProblem is null && Snapshots.All(s => s.Verified);
}
