namespace Ringfence.Storage.Journal;

/// <summary>
/// One journaled command: the command's JSON text exactly as the engine parsed it (the scenario format, see
/// docs/scenario-format.md), numbered in the order the engine executed it.
/// </summary>
/// <param name="Sequence">Position in the journal, from 1, without gaps.</param>
/// <param name="Command">The command as one line of JSON.</param>
/// <param name="Checksum">
/// Lower-case hex SHA-256 chaining this entry to the one before it (<see cref="JournalChain.Next"/>), so a changed,
/// missing or reordered entry is detected when the journal is read.
/// </param>
/// <param name="RecordedAt">When the host wrote the entry (wall clock, informational: not part of the checksum or the state).</param>
public sealed record JournalEntry(long Sequence, string Command, string Checksum, DateTimeOffset RecordedAt);
