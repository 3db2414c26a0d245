using System.Globalization;
using Ringfence.Storage.Journal;

namespace Ringfence.Storage.Tests.Contract;

/// <summary>Journal entries as the host writes them: engine commands, chained checksums, whole-microsecond times.</summary>
internal static class TestEntries
{
    /// <summary>A fixed start time; entry n is stamped n milliseconds and n microseconds later.</summary>
    public static readonly DateTimeOffset Epoch = new(2025, 10, 10, 21, 15, 0, TimeSpan.Zero);

    /// <summary>
    /// <paramref name="count"/> entries from <paramref name="first"/> on, chained from <paramref name="previousChecksum"/>
    /// (the genesis by default). Commands vary in length and hold non-ASCII text, so byte-exact round trips are tested.
    /// </summary>
    public static JournalEntry[] From(long first, int count, string previousChecksum = JournalChain.Genesis)
    {
        var entries = new JournalEntry[count];
        var previous = previousChecksum;
        for (var i = 0; i < count; i++)
        {
            var sequence = first + i;
            var command = string.Create(CultureInfo.InvariantCulture, $$"""{"type":"deposit","account":"trader-{{sequence % 97}}-é中😀","asset":"USDT","amount":"{{sequence * 1.25m}}","memo":"{{new string('x', (int)(sequence % 13))}}"}""");
            previous = JournalChain.Next(previous, sequence, command);
            entries[i] = new JournalEntry(sequence, command, previous, At(sequence));
        }

        return entries;
    }

    /// <summary>The time entry <paramref name="sequence"/> is stamped with: whole microseconds, which both backends keep.</summary>
    public static DateTimeOffset At(long sequence) => Epoch.AddTicks(sequence * (TimeSpan.TicksPerMillisecond + 10));
}
