namespace Ringfence.Storage.Journal;

/// <summary>
/// The command journal: an append-only sequence of <see cref="JournalEntry"/> that is the source of truth for the
/// engine's state (state = replay of the journal, optionally starting from a snapshot). One writer at a time.
/// </summary>
public interface IJournal
{
    /// <summary>The sequence of the last entry; 0 when the journal is empty.</summary>
    long LastSequence { get; }

    /// <summary>
    /// Appends <paramref name="entries"/> in one transaction (group commit): when this returns, all of them are durable;
    /// when it throws, none of them was written. Their sequences must continue <see cref="LastSequence"/> without a gap,
    /// else <see cref="JournalConflictException"/> and nothing is written.
    /// </summary>
    void Append(IReadOnlyList<JournalEntry> entries);

    /// <summary>The entries after <paramref name="afterSequence"/>, oldest first, read lazily in pages.</summary>
    IEnumerable<JournalEntry> ReadAfter(long afterSequence);

    /// <summary>The last <paramref name="count"/> entries (fewer when the journal is shorter), oldest first.</summary>
    IReadOnlyList<JournalEntry> Tail(int count);
}
