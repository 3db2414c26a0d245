namespace Ringfence.Storage.Journal;

/// <summary>
/// The checks every journal makes on a batch before writing it, and the words of its conflicts, so both backends
/// refuse the same batches with the same messages.
/// </summary>
internal static class AppendCheck
{
    /// <summary>Throws unless <paramref name="batch"/> continues a journal ending at <paramref name="lastSequence"/>.</summary>
    /// <exception cref="ArgumentException">The batch is empty or lacks its payload or checksum.</exception>
    /// <exception cref="JournalConflictException">A gap, a repeat or a sequence out of order.</exception>
    public static void Check(JournalBatch batch, long lastSequence, string where)
    {
        ArgumentNullException.ThrowIfNull(batch);
        if (batch.Count < 1 || batch.Payload is null || batch.Checksum is null)
        {
            throw new ArgumentException($"the batch at sequence {batch.FirstSequence} is empty or has no payload or checksum", nameof(batch));
        }

        if (batch.FirstSequence != lastSequence + 1)
        {
            throw new JournalConflictException(
                $"cannot append to the journal in {where}: the batch starts at sequence {batch.FirstSequence}, but the journal ends at {lastSequence} (expected {lastSequence + 1})");
        }
    }

    /// <summary>The message when the database already held a sequence of the batch (another writer got there first).</summary>
    public static string Taken(string where, JournalBatch batch, long lastSequence) =>
        $"cannot append {batch.Range} to the journal in {where}: it already holds entries up to {lastSequence}, written by another store or process; nothing was written";
}
