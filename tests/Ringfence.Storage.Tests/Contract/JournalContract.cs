using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Tests;
using Ringfence.Storage.Journal;

namespace Ringfence.Storage.Tests.Contract;

/// <summary>
/// What every <see cref="IJournal"/> does, whatever holds it: appends whole batches or nothing, refuses sequences
/// that do not continue it (a second writer included), reads back exactly what was appended, page by page, after a
/// restart too. Each backend runs it by deriving a test class that supplies its <see cref="IStoreTarget"/>.
/// </summary>
public abstract class JournalContract : StoreContract
{
    /// <summary>Runs the contract on a fresh database from <paramref name="target"/>, removed after the test.</summary>
    protected JournalContract(IStoreTarget target)
        : base(target)
    {
    }

    [ContractFact]
    public void An_empty_journal_ends_at_0_and_reads_nothing()
    {
        using var store = Target.Open(PageSize);
        Assert.Equal(0, store.Journal.LastSequence);
        Assert.Empty(store.Journal.ReadAfter(0));
        Assert.Empty(store.Journal.Tail(10));
    }

    [ContractFact]
    public void Appends_a_single_entry_then_a_batch_of_many()
    {
        using var store = Target.Open(PageSize);
        var one = TestEntries.From(1, 1);
        store.Journal.Append(one);
        Assert.Equal(1, store.Journal.LastSequence);
        Assert.Equal(one, store.Journal.ReadAfter(0));

        var many = TestEntries.From(2, 1_000, one[^1].Checksum);
        store.Journal.Append(many);
        Assert.Equal(1_001, store.Journal.LastSequence);
        Assert.Equal(one.Concat(many), store.Journal.ReadAfter(0));
    }

    [ContractFact]
    public void An_empty_batch_changes_nothing()
    {
        using var store = Target.Open(PageSize);
        store.Journal.Append(TestEntries.From(1, 2));
        store.Journal.Append([]);
        Assert.Equal(2, store.Journal.LastSequence);
        Assert.Equal(2, store.Journal.ReadAfter(0).Count());
    }

    [ContractFact]
    public void Refuses_a_batch_that_leaves_a_gap_and_writes_nothing()
    {
        using (var store = Target.Open(PageSize))
        {
            store.Journal.Append(TestEntries.From(1, 3));
            var error = Assert.Throws<JournalConflictException>(() => store.Journal.Append(TestEntries.From(5, 2)));
            Assert.Contains("starts at sequence 5", error.Message, StringComparison.Ordinal);
            Assert.Contains("expected 4", error.Message, StringComparison.Ordinal);
            AssertHolds(store, TestEntries.From(1, 3));
        }

        // A store opened afterwards knows where the journal ends without being told.
        using var reopened = Target.Open(PageSize);
        Assert.Throws<JournalConflictException>(() => reopened.Journal.Append(TestEntries.From(2, 1)));
    }

    [ContractFact]
    public void Refuses_a_batch_that_repeats_sequences_and_writes_nothing()
    {
        using var store = Target.Open(PageSize);
        store.Journal.Append(TestEntries.From(1, 3));
        Assert.Throws<JournalConflictException>(() => store.Journal.Append(TestEntries.From(3, 2)));
        Assert.Throws<JournalConflictException>(() => store.Journal.Append(TestEntries.From(1, 5)));
        AssertHolds(store, TestEntries.From(1, 3));
    }

    [ContractFact]
    public void Refuses_a_batch_whose_sequences_are_not_consecutive_and_writes_none_of_it()
    {
        using var store = Target.Open(PageSize);
        var batch = TestEntries.From(1, 4);
        var skipping = new[] { batch[0], batch[1], batch[3] };
        var error = Assert.Throws<JournalConflictException>(() => store.Journal.Append(skipping));
        Assert.Contains("entry 3 of the batch has sequence 4, expected 3", error.Message, StringComparison.Ordinal);
        Assert.Throws<JournalConflictException>(() => store.Journal.Append([batch[0], batch[1], batch[1]]));
        Assert.Throws<JournalConflictException>(() => store.Journal.Append([batch[1], batch[0]]));
        AssertHolds(store, []);

        store.Journal.Append(batch);
        AssertHolds(store, batch);
    }

    [ContractFact]
    public void Entries_written_behind_the_stores_back_are_caught_by_the_primary_key_and_overwrite_nothing()
    {
        // The writer lock keeps a second store out; should a writer slip past it anyway (a lost PostgreSQL session,
        // a copy of the file under another name), the table itself still refuses a sequence that is taken.
        using var store = Target.Open(PageSize);
        var entries = TestEntries.From(1, 5);
        store.Journal.Append(entries[..1]);
        Target.InsertBehindTheStores(entries[1]);
        Target.InsertBehindTheStores(entries[2]);

        // The store still thinks the journal ends at 1: its batch 2..3 passes its own check and reaches the table.
        var error = Assert.Throws<JournalConflictException>(() => store.Journal.Append(TestEntries.From(2, 2, entries[0].Checksum)));
        Assert.Contains("another store", error.Message, StringComparison.Ordinal);
        Assert.Equal(3, store.Journal.LastSequence);
        AssertHolds(store, entries[..3]);

        // Nothing was overwritten, and the store carries on from the end it has re-read.
        store.Journal.Append(entries[3..]);
        AssertHolds(store, entries);
    }

    [ContractFact]
    public void Reads_after_any_sequence_across_page_boundaries()
    {
        var entries = TestEntries.From(1, 23);
        using (var writer = Target.Open(PageSize))
        {
            writer.Journal.Append(entries[..10]);
            writer.Journal.Append(entries[10..]);
        }

        foreach (var pageSize in new[] { 1, 2, 5, 10, 22, 23, 24 })
        {
            using var store = Target.Open(pageSize);
            for (var after = 0; after <= 25; after++)
            {
                Assert.Equal(entries.Skip(after), store.Journal.ReadAfter(after));
            }
        }
    }

    [ContractFact]
    public void Reads_lazily_a_page_at_a_time()
    {
        using var store = Target.Open(readPageSize: 2);
        store.Journal.Append(TestEntries.From(1, 4));
        using var reading = store.Journal.ReadAfter(0).GetEnumerator();
        Assert.True(reading.MoveNext());

        // Had the whole journal been read at the first entry, the reader would end at 4.
        var more = TestEntries.From(5, 2, TestEntries.From(1, 4)[^1].Checksum);
        store.Journal.Append(more);
        var sequences = new List<long> { reading.Current.Sequence };
        while (reading.MoveNext())
        {
            sequences.Add(reading.Current.Sequence);
        }

        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, sequences);
    }

    [ContractFact]
    public void Reads_a_journal_longer_than_the_default_page()
    {
        var entries = TestEntries.From(1, 25_000);
        using var store = Target.Open(PageSize);
        foreach (var batch in entries.Chunk(1_000))
        {
            store.Journal.Append(batch);
        }

        Assert.Equal(entries, store.Journal.ReadAfter(0));
        Assert.Equal(entries.Skip(12_345), store.Journal.ReadAfter(12_345));
        Assert.Equal(entries[^3..], store.Journal.Tail(3));
    }

    [ContractFact]
    public void The_tail_is_the_last_entries_oldest_first()
    {
        var entries = TestEntries.From(1, 7);
        using var store = Target.Open(PageSize);
        store.Journal.Append(entries);
        Assert.Empty(store.Journal.Tail(0));
        Assert.Equal(entries[^1..], store.Journal.Tail(1));
        Assert.Equal(entries[^3..], store.Journal.Tail(3));
        Assert.Equal(entries, store.Journal.Tail(7));
        Assert.Equal(entries, store.Journal.Tail(1_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Journal.Tail(-1));
    }

    [ContractFact]
    public void Everything_appended_is_there_after_a_restart_exactly()
    {
        var entries = TestEntries.From(1, 50);
        using (var store = Target.Open(PageSize))
        {
            store.Journal.Append(entries[..1]);
            store.Journal.Append(entries[1..]);
        }

        using (var reopened = Target.Open(PageSize))
        {
            Assert.Equal(50, reopened.Journal.LastSequence);
            var read = reopened.Journal.ReadAfter(0).ToList();
            Assert.Equal(entries, read);
            Assert.All(entries.Zip(read), pair => Assert.Equal(pair.First.Command, pair.Second.Command, StringComparer.Ordinal));

            // The reopened store goes on from where the first one stopped.
            reopened.Journal.Append(TestEntries.From(51, 1, entries[^1].Checksum));
        }

        using var third = Target.Open(PageSize);
        Assert.Equal(51, third.Journal.LastSequence);
    }

    [ContractFact]
    public void Recorded_times_round_trip_to_the_microsecond_in_utc()
    {
        var local = new DateTimeOffset(2026, 3, 29, 1, 59, 59, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var precise = new DateTimeOffset(2025, 10, 10, 21, 15, 0, TimeSpan.Zero).AddTicks(9_999_999);
        var entries = new[]
        {
            TestEntries.From(1, 1)[0] with { RecordedAt = local.AddTicks(-7) },
            TestEntries.From(2, 1)[0] with { RecordedAt = precise },
        };
        using (var store = Target.Open(PageSize))
        {
            store.Journal.Append(entries);
        }

        using var reopened = Target.Open(PageSize);
        var read = reopened.Journal.ReadAfter(0).ToList();
        for (var i = 0; i < entries.Length; i++)
        {
            Assert.Equal(TimeSpan.Zero, read[i].RecordedAt.Offset);
            var difference = (read[i].RecordedAt - entries[i].RecordedAt).Duration();
            Assert.True(difference < TimeSpan.FromMicroseconds(1), $"{entries[i].RecordedAt:O} came back as {read[i].RecordedAt:O}");
        }
    }

    [ContractFact]
    public void Refuses_arguments_out_of_range()
    {
        using var store = Target.Open(PageSize);
        Assert.Throws<ArgumentNullException>(() => store.Journal.Append(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Journal.ReadAfter(-1));
        Assert.Throws<ArgumentException>(() => store.Journal.Append([TestEntries.From(1, 1)[0] with { Command = null! }]));
        Assert.Equal(0, store.Journal.LastSequence);
    }

    [ContractFact]
    public void Random_append_batches_read_back_exactly_and_refused_ones_change_nothing()
    {
        // One store for all cases, each case going on from where the last one stopped; small pages so that reads
        // cross page boundaries.
        var journal = new List<JournalEntry>();
        using (var store = Target.Open(readPageSize: 4))
        {
            AppendRandomBatches(store, journal);
        }

        using var reopened = Target.Open(PageSize);
        Assert.Equal(journal, reopened.Journal.ReadAfter(0));
    }

    private static void AppendRandomBatches(IEngineStore store, List<JournalEntry> journal)
    {
        PropertyCases.Verify(Cases, batches =>
        {
            var start = journal.Count;
            foreach (var batch in batches)
            {
                var entries = batch.Build(journal.Count);
                if (batch.Fault == Fault.None)
                {
                    store.Journal.Append(entries);
                    journal.AddRange(entries);
                }
                else
                {
                    Assert.Throws<JournalConflictException>(() => store.Journal.Append(entries));
                }

                Assert.Equal(journal.Count, store.Journal.LastSequence);
            }

            Assert.Equal(journal.Skip(start), store.Journal.ReadAfter(start));
            Assert.Equal(journal.TakeLast(5), store.Journal.Tail(5));
        });
    }

    /// <summary>How a random batch is spoiled, if it is.</summary>
    public enum Fault
    {
        /// <summary>It continues the journal.</summary>
        None,

        /// <summary>It starts past the next sequence.</summary>
        Gap,

        /// <summary>It starts at or before the last sequence.</summary>
        Repeat,

        /// <summary>One entry after the first skips a sequence.</summary>
        Skip,

        /// <summary>One entry after the first repeats its predecessor's sequence.</summary>
        Duplicate,
    }

    // Text an engine command may hold, quotes, escapes and characters beyond the BMP included; NUL never appears in
    // JSON text (PostgreSQL's text type refuses it).
    private static readonly Gen<string> Commands =
        Gen.Elements("a", "Z", "7", " ", "\"", "\\", "{", "}", ":", ",", "é", "中", "😀", "\t", "\n", "\u00ff")
            .ArrayOf()
            .Select(parts => string.Concat(parts));

    private static readonly Gen<Batch> Batches =
        from size in Gen.Choose(1, 12)
        from fault in Gen.Frequency((6, Gen.Constant(Fault.None)), (1, Gen.Constant(Fault.Gap)), (1, Gen.Constant(Fault.Repeat)), (1, Gen.Constant(Fault.Skip)), (1, Gen.Constant(Fault.Duplicate)))
        from at in Gen.Choose(1, 11)
        from distance in Gen.Choose(1, 5)
        from commands in Commands.ArrayOf(size)
        from offsetHours in Gen.Choose(-12, 14)
        from microseconds in Gen.Choose(0, int.MaxValue)
        select new Batch(fault == Fault.Skip || fault == Fault.Duplicate ? (size < 2 ? Fault.Gap : fault) : fault, at % Math.Max(size - 1, 1) + 1, distance, commands, TestEntries.Epoch.AddMicroseconds(microseconds).ToOffset(TimeSpan.FromHours(offsetHours)));

    private static readonly Gen<Batch[]> Cases = Gen.Choose(0, 4).SelectMany(count => Batches.ArrayOf(count));

    /// <summary>A random batch: its commands, its time, and the fault (at entry <c>At</c>, by <c>Distance</c>) that spoils it.</summary>
    public sealed record Batch(Fault Fault, int At, int Distance, string[] Commands, DateTimeOffset RecordedAt)
    {
        /// <summary>The entries, for a journal ending at <paramref name="last"/>.</summary>
        public JournalEntry[] Build(long last)
        {
            var first = Fault switch
            {
                Fault.Gap => last + 1 + Distance,
                Fault.Repeat => Math.Max(last + 1 - Distance, 0),
                _ => last + 1,
            };
            var entries = new JournalEntry[Commands.Length];
            for (var i = 0; i < entries.Length; i++)
            {
                var sequence = first + i;
                if (i >= At && Fault is Fault.Skip)
                {
                    sequence++;
                }
                else if (i == At && Fault is Fault.Duplicate)
                {
                    sequence--;
                }

                entries[i] = new JournalEntry(sequence, Commands[i], JournalChain.Next(JournalChain.Genesis, sequence, Commands[i]), RecordedAt.AddTicks(i * 10));
            }

            return entries;
        }
    }
}
