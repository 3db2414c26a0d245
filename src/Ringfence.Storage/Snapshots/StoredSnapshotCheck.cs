namespace Ringfence.Storage.Snapshots;

/// <summary>The checks every snapshot store makes before saving, so both backends refuse the same snapshots.</summary>
internal static class StoredSnapshotCheck
{
    /// <summary>Throws unless <paramref name="snapshot"/> has a sequence from 0 and all its fields.</summary>
    /// <exception cref="ArgumentException">A field is missing or the sequence is negative.</exception>
    public static void Check(StoredSnapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        ArgumentOutOfRangeException.ThrowIfNegative(snapshot.Sequence, nameof(snapshot));
        if (snapshot.StateHash is null || snapshot.JournalChecksum is null || snapshot.Payload is null || snapshot.PayloadChecksum is null)
        {
            throw new ArgumentException($"the snapshot at sequence {snapshot.Sequence} lacks its state hash, journal checksum, payload or payload checksum", nameof(snapshot));
        }
    }
}
