namespace Ringfence.Storage.Journal;

/// <summary>
/// The checks every journal makes on a batch before writing it, and the words of its conflicts, so both backends
/// refuse the same batches with the same messages.
/// </summary>
internal static class JournalBatch
{
    /// <summary>
    /// Throws unless <paramref name="entries"/> continue a journal ending at <paramref name="lastSequence"/>: the
    /// first is <paramref name="lastSequence"/> + 1 and each next one is one more. An empty batch passes.
    /// </summary>
    /// <exception cref="ArgumentException">An entry is null or lacks its command or checksum.</exception>
    /// <exception cref="JournalConflictException">A gap, a repeat or a sequence out of order.</exception>
    public static void Check(IReadOnlyList<JournalEntry> entries, long lastSequence, string where)
    {
        ArgumentNullException.ThrowIfNull(entries);
        var expected = lastSequence + 1;
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i] ?? throw new ArgumentException($"entry {i + 1} of the batch is null", nameof(entries));
            if (entry.Command is null || entry.Checksum is null)
            {
                throw new ArgumentException($"entry {i + 1} of the batch (sequence {entry.Sequence}) has no command or checksum", nameof(entries));
            }

            if (entry.Sequence != expected)
            {
                throw new JournalConflictException(i == 0
                    ? $"cannot append to the journal in {where}: the batch starts at sequence {entry.Sequence}, but the journal ends at {lastSequence} (expected {expected})"
                    : $"cannot append to the journal in {where}: entry {i + 1} of the batch has sequence {entry.Sequence}, expected {expected}; nothing was written");
            }

            expected++;
        }
    }

    /// <summary>The message when the database already held a sequence of the batch (another writer got there first).</summary>
    public static string Taken(string where, IReadOnlyList<JournalEntry> entries, long lastSequence) =>
        $"cannot append sequences {entries[0].Sequence}..{entries[^1].Sequence} to the journal in {where}: it already holds entries up to {lastSequence}, written by another store or process; nothing was written";
}
