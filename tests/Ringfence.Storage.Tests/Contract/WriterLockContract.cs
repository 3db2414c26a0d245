using System.Security.Cryptography;
using Ringfence.Storage.Journal;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Storage.Tests.Contract;

/// <summary>
/// One writer per store, whatever holds it: a second writer is refused at open while the first is open, with a
/// <see cref="StoreInUseException"/> and nothing changed, and accepted once the first is disposed; readers take no
/// lock, run beside the writer and see its commits, cannot write, and never create a store. (That the lock dies with
/// a killed process is the CLI's crash test, which kills hosts and restarts them on the same store.)
/// </summary>
public abstract class WriterLockContract : StoreContract
{
    /// <summary>Runs the contract on a fresh database from <paramref name="target"/>, removed after the test.</summary>
    protected WriterLockContract(IStoreTarget target)
        : base(target)
    {
    }

    [ContractFact]
    public void A_second_writer_is_refused_while_the_first_is_open_and_the_first_carries_on()
    {
        var batches = TestBatches.From(2, 2);
        using var first = Target.Open(PageSize);
        first.Journal.Append(batches[0]);

        var error = Assert.Throws<StoreInUseException>(() => Target.Open(PageSize));

        Assert.StartsWith($"{first.Description} is in use by another writer", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
        first.Journal.Append(batches[1]);
        AssertHolds(first, batches);
    }

    [ContractFact]
    public void A_writer_is_accepted_once_the_first_is_disposed_and_goes_on_from_where_it_stopped()
    {
        var batches = TestBatches.From(2, 2, 1);
        var first = Target.Open(PageSize);
        first.Journal.Append(batches[0]);
        Assert.Throws<StoreInUseException>(() => Target.Open(PageSize));
        first.Dispose();

        // The refused attempt left nothing behind that keeps the next writer out.
        using (var second = Target.Open(PageSize))
        {
            Assert.Equal(2, second.Journal.LastSequence);
            second.Journal.Append(batches[1]);
        }

        using var third = Target.Open(PageSize);
        third.Journal.Append(batches[2]);
        AssertHolds(third, batches);
    }

    [ContractFact]
    public void Readers_run_beside_the_writer_and_see_what_it_committed()
    {
        var batches = TestBatches.From(3, 1, 2);
        using var writer = Target.Open(PageSize);
        writer.Journal.Append(batches[0]);

        using var reader = Target.OpenReader(PageSize);
        using var another = Target.OpenReader(PageSize);
        Assert.Equal(3, reader.Journal.LastSequence);
        writer.Journal.Append(batches[1]);
        writer.Journal.Append(batches[2]);
        var snapshot = Snapshot(6);
        writer.Snapshots.Save(snapshot);

        Assert.Equal(batches, reader.Journal.ReadAfter(0));
        Assert.Equal(batches[^2..], another.Journal.Tail(2));
        Assert.Equal(snapshot.Info, reader.Snapshots.List().Single());
        Assert.Equal(snapshot.PayloadChecksum, reader.Snapshots.Load(6)?.PayloadChecksum);
    }

    [ContractFact]
    public void A_reader_keeps_no_writer_out()
    {
        using (var writer = Target.Open(PageSize))
        {
            writer.Journal.Append(TestBatches.From(1)[0]);
        }

        using var reader = Target.OpenReader(PageSize);
        using var next = Target.Open(PageSize);
        Assert.Equal(1, next.Journal.LastSequence);
    }

    [ContractFact]
    public void A_reader_cannot_append_or_save_and_changes_nothing()
    {
        var batches = TestBatches.From(2, 1);
        using var writer = Target.Open(PageSize);
        writer.Journal.Append(batches[0]);
        using var reader = Target.OpenReader(PageSize);

        // The database refuses it (a query-only connection, a read-only transaction), not only the store's own code.
        Assert.Throws<StorageException>(() => reader.Journal.Append(batches[1]));
        Assert.Throws<StorageException>(() => reader.Snapshots.Save(Snapshot(2)));

        AssertHolds(writer, batches[..1]);
        Assert.Empty(writer.Snapshots.List());
        writer.Journal.Append(batches[1]);
        AssertHolds(writer, batches);
    }

    [ContractFact]
    public void A_reader_needs_a_store_that_a_writer_created()
    {
        var error = Assert.Throws<StorageException>(() => Target.OpenReader(PageSize));
        Assert.Contains("a host creates", error.Message, StringComparison.Ordinal);

        using (Target.Open(PageSize))
        {
        }

        using var reader = Target.OpenReader(PageSize);
        Assert.Equal(0, reader.Journal.LastSequence);
    }

    private static StoredSnapshot Snapshot(long sequence)
    {
        var payload = new byte[64];
        new Random((int)sequence).NextBytes(payload);
        return new StoredSnapshot(sequence, $"state-{sequence}", "checksum", payload, Convert.ToHexStringLower(SHA256.HashData(payload)), TestBatches.At(sequence));
    }
}
