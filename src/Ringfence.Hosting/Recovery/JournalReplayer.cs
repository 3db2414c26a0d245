using Ringfence.Core.Engine;
using Ringfence.Core.Serialization;
using Ringfence.Storage.Journal;

namespace Ringfence.Hosting.Recovery;

/// <summary>
/// Applies journal entries to an engine in order, checking each one before it is applied: its sequence follows the
/// last one, its checksum continues the chain, and its text parses as a command. The first entry that fails is
/// reported with a <see cref="RecoveryException"/> and nothing of it is applied.
/// </summary>
public sealed class JournalReplayer
{
    /// <summary>A replayer that continues <paramref name="engine"/>, whose state includes the journal up to <paramref name="sequence"/>.</summary>
    /// <param name="engine">The engine to apply entries to.</param>
    /// <param name="sequence">The last entry already in <paramref name="engine"/>'s state (0: none).</param>
    /// <param name="checksum">That entry's checksum (<see cref="JournalChain.Genesis"/> at 0).</param>
    public JournalReplayer(MarginEngine engine, long sequence, string checksum)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(checksum);
        Engine = engine;
        Sequence = sequence;
        Checksum = checksum;
    }

    /// <summary>The engine entries are applied to.</summary>
    public MarginEngine Engine { get; }

    /// <summary>The last entry applied (or the starting point).</summary>
    public long Sequence { get; private set; }

    /// <summary>That entry's checksum.</summary>
    public string Checksum { get; private set; }

    /// <summary>Entries applied by this replayer.</summary>
    public long Applied { get; private set; }

    /// <summary>Events the applied entries produced (rejections included).</summary>
    public long Events { get; private set; }

    /// <summary>Checks and applies <paramref name="entry"/>.</summary>
    /// <exception cref="RecoveryException">The entry does not follow, fails its checksum or is not a command.</exception>
    public ExecutionResult Apply(JournalEntry entry)
    {
        ArgumentNullException.ThrowIfNull(entry);
        var expected = Sequence + 1;
        if (entry.Sequence != expected)
        {
            throw new RecoveryException(
                $"journal entry {expected} is missing (the next entry is {entry.Sequence}); the journal is valid up to entry {Sequence}");
        }

        if (!string.Equals(JournalChain.Next(Checksum, entry.Sequence, entry.Command), entry.Checksum, StringComparison.Ordinal))
        {
            throw new RecoveryException(
                $"journal entry {entry.Sequence} fails its checksum (changed, or not the successor of entry {Sequence}); the journal is valid up to entry {Sequence}");
        }

        Core.Engine.Commands.Command command;
        try
        {
            command = CommandJson.Parse(entry.Command);
        }
        catch (JsonInputException exception)
        {
            // The chain holds, so the entry was written like this: a journal from an incompatible version.
            throw new RecoveryException(
                $"journal entry {entry.Sequence} is not a command this version reads ({exception.Message}); the journal is valid up to entry {Sequence}", exception);
        }

        var result = Engine.Execute(command);
        Sequence = entry.Sequence;
        Checksum = entry.Checksum;
        Applied++;
        Events += result.Events.Count;
        return result;
    }
}
