using Ringfence.Storage;
using Ringfence.Storage.Journal;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Hosting.Tests;

/// <summary>
/// A store opened for reading beside a running host, as the real stores do it: <see cref="LastSequence"/> is where the
/// journal ended when it was opened, while reads see everything the host has written since.
/// </summary>
internal sealed class ReaderView(MemoryStore store) : IEngineStore, IJournal
{
    public IJournal Journal => this;

    public ISnapshotStore Snapshots => store;

    public string Description => "memory, read beside the host";

    public long LastSequence { get; } = store.LastSequence;

    public void Append(JournalBatch batch) => throw new InvalidOperationException("a reader does not append");

    public IEnumerable<JournalBatch> ReadAfter(long afterSequence) => store.ReadAfter(afterSequence);

    public IReadOnlyList<JournalBatch> Tail(int count) => store.Tail(count);

    public void Dispose()
    {
    }
}
