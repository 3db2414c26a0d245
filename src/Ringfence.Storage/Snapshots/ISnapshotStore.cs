namespace Ringfence.Storage.Snapshots;

/// <summary>Stored snapshots of the engine state, each at a journal sequence.</summary>
public interface ISnapshotStore
{
    /// <summary>
    /// Stores <paramref name="snapshot"/> durably. A snapshot at the same sequence is replaced (the engine is
    /// deterministic, so both describe the same state).
    /// </summary>
    void Save(StoredSnapshot snapshot);

    /// <summary>Every stored snapshot without payloads, newest (highest sequence) first.</summary>
    IReadOnlyList<SnapshotInfo> List();

    /// <summary>The snapshot at <paramref name="sequence"/>, or null when there is none.</summary>
    StoredSnapshot? Load(long sequence);
}
