using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Serialization.Wire;
using Ringfence.Storage.Journal;

namespace Ringfence.Hosting.Recovery;

/// <summary>
/// Applies journal batches to an engine in order, checking each one whole before any of its commands is applied: it
/// starts right after the last sequence applied, its checksum continues the chain, and its payload decodes to as many
/// commands as it says. The first batch that fails is reported with a <see cref="RecoveryException"/> naming its
/// sequences, and nothing of it is applied.
/// </summary>
public sealed class JournalReplayer
{
    /// <summary>A replayer that continues <paramref name="engine"/>, whose state includes the journal up to <paramref name="sequence"/>.</summary>
    /// <param name="engine">The engine to apply batches to.</param>
    /// <param name="sequence">The last command already in <paramref name="engine"/>'s state (0: none).</param>
    /// <param name="checksum">The checksum of the batch that ends there (<see cref="JournalChain.Genesis"/> at 0).</param>
    public JournalReplayer(MarginEngine engine, long sequence, string checksum)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(checksum);
        Engine = engine;
        Sequence = sequence;
        Checksum = checksum;
    }

    /// <summary>The engine batches are applied to.</summary>
    public MarginEngine Engine { get; }

    /// <summary>The last command applied (or the starting point).</summary>
    public long Sequence { get; private set; }

    /// <summary>The checksum of the batch that ends at <see cref="Sequence"/>.</summary>
    public string Checksum { get; private set; }

    /// <summary>Commands applied by this replayer.</summary>
    public long Applied { get; private set; }

    /// <summary>Batches applied by this replayer.</summary>
    public long Batches { get; private set; }

    /// <summary>Events the applied commands produced (rejections included).</summary>
    public long Events { get; private set; }

    /// <summary>Checks <paramref name="batch"/> whole, then applies its commands in order; their results, in order.</summary>
    /// <exception cref="RecoveryException">The batch does not follow, fails its checksum or does not decode.</exception>
    public IReadOnlyList<ExecutionResult> Apply(JournalBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var expected = Sequence + 1;
        if (batch.FirstSequence != expected)
        {
            throw new RecoveryException(batch.FirstSequence > expected
                ? $"journal sequences {expected}..{batch.FirstSequence - 1} are missing (the next batch holds {batch.Range}); the journal is valid up to sequence {Sequence}"
                : $"the journal batch of {batch.Range} overlaps what was applied; the journal is valid up to sequence {Sequence}");
        }

        if (!JournalChain.Verifies(Checksum, batch))
        {
            throw new RecoveryException(
                $"the journal batch of {batch.Range} fails its checksum (torn, changed, or not the successor of sequence {Sequence}); the journal is valid up to sequence {Sequence}");
        }

        IReadOnlyList<Command> commands;
        try
        {
            commands = JournalBatchCodec.Decode(batch);
        }
        catch (WireFormatException exception)
        {
            // The chain holds, so the batch was written like this: a journal from an incompatible version.
            throw new RecoveryException($"{exception.Message}; the journal is valid up to sequence {Sequence}", exception);
        }

        var results = new ExecutionResult[commands.Count];
        for (var i = 0; i < commands.Count; i++)
        {
            results[i] = Engine.Execute(commands[i]);
            Events += results[i].Events.Count;
        }

        Sequence = batch.LastSequence;
        Checksum = batch.Checksum;
        Applied += commands.Count;
        Batches++;
        return results;
    }
}
