namespace Ringfence.Storage.Journal;

/// <summary>
/// One journal entry: the commands of one committed batch (group commit), numbered <see cref="FirstSequence"/> to
/// <see cref="LastSequence"/> in the order the engine executed them, in their binary form (<see cref="JournalBatchCodec"/>),
/// with one checksum chaining the batch to the one before.
/// </summary>
/// <param name="FirstSequence">The first command's sequence, from 1; sequences have no gaps across batches.</param>
/// <param name="Count">How many commands the batch holds; at least one.</param>
/// <param name="Payload">The commands, encoded by <see cref="JournalBatchCodec.Encode"/>.</param>
/// <param name="Checksum">
/// Lower-case hex SHA-256 chaining this batch to the one before (<see cref="JournalChain.Next"/>), so a changed, missing,
/// torn or reordered batch is detected when the journal is read.
/// </param>
/// <param name="RecordedAt">When the host wrote the batch (wall clock, informational: not part of the checksum or the state).</param>
public sealed record JournalBatch(long FirstSequence, int Count, byte[] Payload, string Checksum, DateTimeOffset RecordedAt)
{
    /// <summary>The last command's sequence.</summary>
    public long LastSequence => FirstSequence + Count - 1;

    /// <summary>"sequence N" or "sequences N..M", for messages.</summary>
    public string Range => Count == 1 ? $"sequence {FirstSequence}" : $"sequences {FirstSequence}..{LastSequence}";

    /// <summary>Equal when every field is, the payload compared byte by byte (not as the same array).</summary>
    public bool Equals(JournalBatch? other) =>
        other is not null && FirstSequence == other.FirstSequence && Count == other.Count && Checksum == other.Checksum
        && RecordedAt == other.RecordedAt && Payload.AsSpan().SequenceEqual(other.Payload);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(FirstSequence, Count, Checksum, RecordedAt);
}
