using Ringfence.Storage;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Hosting.Recovery;

/// <summary>
/// Where the journal ends now, for recovery and verification through a store opened for reading beside a running
/// host: they replay up to <see cref="Storage.Journal.IJournal.LastSequence"/> as it was when the store was opened,
/// while the host goes on appending and taking snapshots. A snapshot past that end is then either the host's newer
/// one — the journal reaches it now — or proof that the journal lost entries.
/// </summary>
internal static class JournalEnd
{
    /// <summary>Whether the journal now reaches <paramref name="snapshot"/>'s sequence (one query for its last batch).</summary>
    public static bool Passed(IEngineStore store, SnapshotInfo snapshot) =>
        store.Journal.Tail(1) is [var last] && last.LastSequence >= snapshot.Sequence;
}
