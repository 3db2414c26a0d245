namespace Ringfence.Storage.Tests.Contract;

/// <summary>
/// One test's own empty database of one backend (a temporary SQLite file, a fresh PostgreSQL schema), removed when
/// disposed. Every store opened on it sees the same data, as a second process or a restart would.
/// </summary>
public interface IStoreTarget : IDisposable
{
    /// <summary>
    /// Opens a store on this database for writing (taking its writer lock), reading the journal
    /// <paramref name="readPageSize"/> batches per query.
    /// </summary>
    IEngineStore Open(int readPageSize);

    /// <summary>Opens a store on this database for reading (no lock), reading the journal <paramref name="readPageSize"/> batches per query.</summary>
    IEngineStore OpenReader(int readPageSize);

    /// <summary>
    /// Writes <paramref name="batch"/> into the journal table directly, behind every store's back: what a writer that
    /// slipped past the writer lock would do (the table's keys must still catch it).
    /// </summary>
    void InsertBehindTheStores(Ringfence.Storage.Journal.JournalBatch batch);
}
