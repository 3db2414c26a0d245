using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Storage.Journal;

namespace Ringfence.Storage.Tests.Contract;

/// <summary>Journal batches as the host writes them: engine commands in their binary form, chained checksums, whole-microsecond times.</summary>
internal static class TestBatches
{
    /// <summary>A fixed start time; the batch starting at n is stamped n milliseconds and n microseconds later.</summary>
    public static readonly DateTimeOffset Epoch = new(2025, 10, 10, 21, 15, 0, TimeSpan.Zero);

    /// <summary>
    /// Batches of the given <paramref name="sizes"/> from <paramref name="first"/> on, chained from
    /// <paramref name="previousChecksum"/> (the genesis by default). The commands vary in length and hold non-ASCII
    /// text (pod names), so byte-exact round trips are tested.
    /// </summary>
    public static JournalBatch[] From(long first, string previousChecksum, params int[] sizes)
    {
        var batches = new JournalBatch[sizes.Length];
        var previous = previousChecksum;
        var sequence = first;
        for (var b = 0; b < sizes.Length; b++)
        {
            var commands = Enumerable.Range(0, sizes[b]).Select(i => Command(sequence + i)).ToList();
            batches[b] = Chained(sequence, commands, previous, At(sequence));
            previous = batches[b].Checksum;
            sequence += sizes[b];
        }

        return batches;
    }

    /// <summary>Batches of the given sizes from sequence 1, chained from the genesis.</summary>
    public static JournalBatch[] From(params int[] sizes) => From(1, JournalChain.Genesis, sizes);

    /// <summary>One batch of <paramref name="commands"/> at <paramref name="first"/>, its checksum chained from <paramref name="previous"/>.</summary>
    public static JournalBatch Chained(long first, IReadOnlyList<Command> commands, string previous, DateTimeOffset recordedAt)
    {
        var payload = JournalBatchCodec.Encode(commands);
        return new JournalBatch(first, commands.Count, payload, JournalChain.Next(previous, first, first + commands.Count - 1, payload), recordedAt);
    }

    /// <summary>The command at <paramref name="sequence"/>: a pod of a name that grows and holds text beyond ASCII.</summary>
    public static Command Command(long sequence) =>
        new CreatePod(AccountId.Create($"trader-{sequence % 97}"), $"pod-é中😀-{new string('x', (int)(sequence % 13))}") { ClientId = $"c{sequence}" };

    /// <summary>The time the batch at <paramref name="sequence"/> is stamped with: whole microseconds, which both backends keep.</summary>
    public static DateTimeOffset At(long sequence) => Epoch.AddTicks(sequence * (TimeSpan.TicksPerMillisecond + 10));
}
