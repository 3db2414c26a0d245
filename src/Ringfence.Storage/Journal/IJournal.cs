namespace Ringfence.Storage.Journal;

/// <summary>
/// The command journal: an append-only sequence of <see cref="JournalBatch"/>es, one per group commit, that is the
/// source of truth for the engine's state (state = replay of the journal, optionally starting from a snapshot). One
/// writer at a time.
/// </summary>
public interface IJournal
{
    /// <summary>The sequence of the last journaled command; 0 when the journal is empty.</summary>
    long LastSequence { get; }

    /// <summary>
    /// Appends one batch in one transaction: when this returns, it is durable; when it throws, nothing was written. Its
    /// first sequence must continue <see cref="LastSequence"/> without a gap, else <see cref="JournalConflictException"/>
    /// and nothing is written.
    /// </summary>
    void Append(JournalBatch batch);

    /// <summary>The batches holding commands after <paramref name="afterSequence"/>, oldest first, read lazily in pages.</summary>
    IEnumerable<JournalBatch> ReadAfter(long afterSequence);

    /// <summary>The last <paramref name="count"/> batches (fewer when the journal is shorter), oldest first.</summary>
    IReadOnlyList<JournalBatch> Tail(int count);
}
