namespace Ringfence.Storage.Tests.Contract;

/// <summary>
/// One test's own empty database of one backend (a temporary SQLite file, a fresh PostgreSQL schema), removed when
/// disposed. Every store opened on it sees the same data, as a second process or a restart would.
/// </summary>
public interface IStoreTarget : IDisposable
{
    /// <summary>Opens a store on this database, reading the journal <paramref name="readPageSize"/> entries per query.</summary>
    IEngineStore Open(int readPageSize);
}
