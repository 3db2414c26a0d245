using Ringfence.Storage.Journal;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Storage;

/// <summary>
/// Where one engine keeps its journal and snapshots (one SQLite file or one PostgreSQL schema). Not thread-safe: the
/// engine host's thread is its only user while the host runs.
/// </summary>
public interface IEngineStore : IDisposable
{
    /// <summary>The command journal.</summary>
    IJournal Journal { get; }

    /// <summary>The snapshots.</summary>
    ISnapshotStore Snapshots { get; }

    /// <summary>Where it is, for messages (a file path or a host/database without the password).</summary>
    string Description { get; }
}
