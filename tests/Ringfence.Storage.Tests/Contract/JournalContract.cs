using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Tests;
using Ringfence.Storage.Journal;

namespace Ringfence.Storage.Tests.Contract;

/// <summary>
/// What every <see cref="IJournal"/> does, whatever holds it: appends a batch whole or not at all, refuses batches that
/// do not continue it (a second writer included, however it batched), reads back exactly what was appended, page by
/// page, after a restart too. Each backend runs it by deriving a test class that supplies its <see cref="IStoreTarget"/>.
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
    public void Appends_a_batch_of_one_then_a_batch_of_many()
    {
        using var store = Target.Open(PageSize);
        var batches = TestBatches.From(1, 4_096);
        store.Journal.Append(batches[0]);
        Assert.Equal(1, store.Journal.LastSequence);
        Assert.Equal(batches[..1], store.Journal.ReadAfter(0));

        store.Journal.Append(batches[1]);
        Assert.Equal(4_097, store.Journal.LastSequence);
        Assert.Equal(batches, store.Journal.ReadAfter(0));
        Assert.Equal(4_096, JournalBatchCodec.Decode(store.Journal.ReadAfter(1).Single()).Count);
    }

    [ContractFact]
    public void Refuses_a_batch_that_leaves_a_gap_and_writes_nothing()
    {
        var batches = TestBatches.From(3, 2);
        using (var store = Target.Open(PageSize))
        {
            store.Journal.Append(batches[0]);
            var gap = TestBatches.From(5, batches[0].Checksum, 2)[0];
            var error = Assert.Throws<JournalConflictException>(() => store.Journal.Append(gap));
            Assert.Contains("starts at sequence 5", error.Message, StringComparison.Ordinal);
            Assert.Contains("expected 4", error.Message, StringComparison.Ordinal);
            AssertHolds(store, batches[..1]);
        }

        // A store opened afterwards knows where the journal ends without being told.
        using var reopened = Target.Open(PageSize);
        Assert.Throws<JournalConflictException>(() => reopened.Journal.Append(TestBatches.From(2, JournalChain.Genesis, 1)[0]));
    }

    [ContractFact]
    public void Refuses_a_batch_that_repeats_sequences_and_writes_nothing()
    {
        using var store = Target.Open(PageSize);
        var first = TestBatches.From(3)[0];
        store.Journal.Append(first);
        Assert.Throws<JournalConflictException>(() => store.Journal.Append(TestBatches.From(3, first.Checksum, 2)[0]));
        Assert.Throws<JournalConflictException>(() => store.Journal.Append(TestBatches.From(5)[0]));
        AssertHolds(store, [first]);
    }

    [ContractFact]
    public void Refuses_an_empty_or_incomplete_batch()
    {
        using var store = Target.Open(PageSize);
        var batch = TestBatches.From(2)[0];
        Assert.Throws<ArgumentNullException>(() => store.Journal.Append(null!));
        Assert.Throws<ArgumentException>(() => store.Journal.Append(batch with { Count = 0 }));
        Assert.Throws<ArgumentException>(() => store.Journal.Append(batch with { Payload = null! }));
        Assert.Throws<ArgumentException>(() => store.Journal.Append(batch with { Checksum = null! }));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Journal.ReadAfter(-1));
        AssertHolds(store, []);
    }

    [ContractFact]
    public void Batches_written_behind_the_stores_back_are_caught_and_overwrite_nothing_however_they_were_cut()
    {
        // The writer lock keeps a second store out; should a writer slip past it anyway (a lost PostgreSQL session,
        // a copy of the file under another name), the table itself still refuses sequences that are taken — also
        // when the intruder cut its batches elsewhere, so that no first sequence repeats.
        using var store = Target.Open(PageSize);
        var mine = TestBatches.From(1, 2);
        store.Journal.Append(mine[0]);
        var theirs = TestBatches.From(2, mine[0].Checksum, 3)[0];
        Target.InsertBehindTheStores(theirs);

        // The store still thinks the journal ends at 1: its batch 2..3 passes its own check and reaches the table.
        var error = Assert.Throws<JournalConflictException>(() => store.Journal.Append(mine[1]));
        Assert.Contains("another store", error.Message, StringComparison.Ordinal);
        Assert.Equal(4, store.Journal.LastSequence);
        AssertHolds(store, [mine[0], theirs]);

        // Nothing was overwritten, and the store carries on from the end it has re-read.
        var next = TestBatches.From(5, theirs.Checksum, 2)[0];
        store.Journal.Append(next);
        AssertHolds(store, [mine[0], theirs, next]);
    }

    [ContractFact]
    public void An_overlapping_batch_behind_the_stores_back_is_refused_by_the_table()
    {
        using var store = Target.Open(PageSize);
        var first = TestBatches.From(4)[0];
        store.Journal.Append(first);

        // 3..5 overlaps 1..4 without repeating its first sequence: the table refuses it all the same.
        var overlapping = TestBatches.From(3, first.Checksum, 3)[0];
        Assert.ThrowsAny<Exception>(() => Target.InsertBehindTheStores(overlapping));
        AssertHolds(store, [first]);
    }

    [ContractFact]
    public void Reads_after_any_sequence_across_page_boundaries_from_the_batch_that_holds_it()
    {
        var batches = TestBatches.From(3, 1, 4, 2, 5, 1, 1, 6);
        using (var writer = Target.Open(PageSize))
        {
            foreach (var batch in batches)
            {
                writer.Journal.Append(batch);
            }
        }

        foreach (var pageSize in new[] { 1, 2, 3, 7, 8, 9 })
        {
            using var store = Target.Open(pageSize);
            for (var after = 0; after <= 25; after++)
            {
                Assert.Equal(batches.Where(b => b.LastSequence > after), store.Journal.ReadAfter(after));
            }
        }
    }

    [ContractFact]
    public void Reads_lazily_a_page_at_a_time()
    {
        using var store = Target.Open(readPageSize: 2);
        var batches = TestBatches.From(1, 1, 1, 1, 1, 1);
        foreach (var batch in batches[..4])
        {
            store.Journal.Append(batch);
        }

        using var reading = store.Journal.ReadAfter(0).GetEnumerator();
        Assert.True(reading.MoveNext());

        // Had the whole journal been read at the first batch, the reader would end at 4.
        store.Journal.Append(batches[4]);
        store.Journal.Append(batches[5]);
        var sequences = new List<long> { reading.Current.FirstSequence };
        while (reading.MoveNext())
        {
            sequences.Add(reading.Current.FirstSequence);
        }

        Assert.Equal(new long[] { 1, 2, 3, 4, 5, 6 }, sequences);
    }

    [ContractFact]
    public void Reads_a_journal_longer_than_the_default_page()
    {
        var batches = TestBatches.From(1, JournalChain.Genesis, Enumerable.Repeat(3, 700).ToArray());
        using var store = Target.Open(StoreContract.PageSize);
        foreach (var batch in batches)
        {
            store.Journal.Append(batch);
        }

        Assert.Equal(batches, store.Journal.ReadAfter(0));
        Assert.Equal(batches[411..], store.Journal.ReadAfter(1_234));
        Assert.Equal(batches[^3..], store.Journal.Tail(3));
    }

    [ContractFact]
    public void The_tail_is_the_last_batches_oldest_first()
    {
        var batches = TestBatches.From(2, 1, 3, 1, 5, 1, 1);
        using var store = Target.Open(PageSize);
        foreach (var batch in batches)
        {
            store.Journal.Append(batch);
        }

        Assert.Empty(store.Journal.Tail(0));
        Assert.Equal(batches[^1..], store.Journal.Tail(1));
        Assert.Equal(batches[^3..], store.Journal.Tail(3));
        Assert.Equal(batches, store.Journal.Tail(7));
        Assert.Equal(batches, store.Journal.Tail(1_000));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Journal.Tail(-1));
    }

    [ContractFact]
    public void Everything_appended_is_there_after_a_restart_exactly()
    {
        var batches = TestBatches.From(1, 49);
        using (var store = Target.Open(PageSize))
        {
            store.Journal.Append(batches[0]);
            store.Journal.Append(batches[1]);
        }

        using (var reopened = Target.Open(PageSize))
        {
            Assert.Equal(50, reopened.Journal.LastSequence);
            var read = reopened.Journal.ReadAfter(0).ToList();
            Assert.Equal(batches, read);
            Assert.Equal(batches.SelectMany(JournalBatchCodec.Decode), read.SelectMany(JournalBatchCodec.Decode));

            // The reopened store goes on from where the first one stopped.
            reopened.Journal.Append(TestBatches.From(51, batches[^1].Checksum, 1)[0]);
        }

        using var third = Target.Open(PageSize);
        Assert.Equal(51, third.Journal.LastSequence);
    }

    [ContractFact]
    public void Recorded_times_round_trip_to_the_microsecond_in_utc()
    {
        var local = new DateTimeOffset(2026, 3, 29, 1, 59, 59, TimeSpan.FromHours(2)).AddTicks(1_234_567);
        var precise = new DateTimeOffset(2025, 10, 10, 21, 15, 0, TimeSpan.Zero).AddTicks(9_999_999);
        var batches = TestBatches.From(1, 1);
        batches = [batches[0] with { RecordedAt = local.AddTicks(-7) }, batches[1] with { RecordedAt = precise }];
        using (var store = Target.Open(PageSize))
        {
            store.Journal.Append(batches[0]);
            store.Journal.Append(batches[1]);
        }

        using var reopened = Target.Open(PageSize);
        var read = reopened.Journal.ReadAfter(0).ToList();
        for (var i = 0; i < batches.Length; i++)
        {
            Assert.Equal(TimeSpan.Zero, read[i].RecordedAt.Offset);
            var difference = (read[i].RecordedAt - batches[i].RecordedAt).Duration();
            Assert.True(difference < TimeSpan.FromMicroseconds(1), $"{batches[i].RecordedAt:O} came back as {read[i].RecordedAt:O}");
        }
    }

    [ContractFact]
    public void Random_batches_read_back_exactly_and_refused_ones_change_nothing()
    {
        // One store for all cases, each case going on from where the last one stopped; small pages so that reads
        // cross page boundaries.
        var journal = new List<JournalBatch>();
        using (var store = Target.Open(readPageSize: 4))
        {
            AppendRandomBatches(store, journal);
        }

        using var reopened = Target.Open(PageSize);
        Assert.Equal(journal, reopened.Journal.ReadAfter(0));
    }

    private static void AppendRandomBatches(IEngineStore store, List<JournalBatch> journal)
    {
        PropertyCases.Verify(Cases, cases =>
        {
            var start = journal.Count == 0 ? 0 : journal[^1].LastSequence;
            foreach (var random in cases)
            {
                var last = journal.Count == 0 ? 0 : journal[^1].LastSequence;
                var batch = random.Build(last, journal.Count == 0 ? JournalChain.Genesis : journal[^1].Checksum);
                if (random.Fault == Fault.None)
                {
                    store.Journal.Append(batch);
                    journal.Add(batch);
                }
                else
                {
                    Assert.Throws<JournalConflictException>(() => store.Journal.Append(batch));
                }

                Assert.Equal(journal.Count == 0 ? 0 : journal[^1].LastSequence, store.Journal.LastSequence);
            }

            Assert.Equal(journal.Where(b => b.LastSequence > start), store.Journal.ReadAfter(start));
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
    }

    private static readonly Gen<RandomBatch> Batches =
        from size in Gen.Frequency((8, Gen.Choose(1, 12)), (1, Gen.Choose(100, 600)))
        from fault in Gen.Frequency((6, Gen.Constant(Fault.None)), (1, Gen.Constant(Fault.Gap)), (1, Gen.Constant(Fault.Repeat)))
        from distance in Gen.Choose(1, 5)
        from offsetHours in Gen.Choose(-12, 14)
        from microseconds in Gen.Choose(0, int.MaxValue)
        select new RandomBatch(fault, size, distance, TestBatches.Epoch.AddMicroseconds(microseconds).ToOffset(TimeSpan.FromHours(offsetHours)));

    private static readonly Gen<RandomBatch[]> Cases = Gen.Choose(0, 4).SelectMany(count => Batches.ArrayOf(count));

    /// <summary>A random batch: its size, its time, and the fault (by <c>Distance</c>) that spoils it.</summary>
    public sealed record RandomBatch(Fault Fault, int Size, int Distance, DateTimeOffset RecordedAt)
    {
        /// <summary>The batch, for a journal ending at <paramref name="last"/> with <paramref name="checksum"/>.</summary>
        public JournalBatch Build(long last, string checksum)
        {
            var first = Fault switch
            {
                Fault.Gap => last + 1 + Distance,
                Fault.Repeat => Math.Max(last + 1 - Distance, 0),
                _ => last + 1,
            };
            var commands = Enumerable.Range(0, Size).Select(i => TestBatches.Command(first + i)).ToList();
            return TestBatches.Chained(first, commands, checksum, RecordedAt);
        }
    }
}
