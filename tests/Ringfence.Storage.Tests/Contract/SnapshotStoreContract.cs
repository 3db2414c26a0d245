using System.Security.Cryptography;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Storage.Tests.Contract;

/// <summary>
/// What every <see cref="ISnapshotStore"/> does, whatever holds it: keeps each snapshot byte for byte, lists them
/// newest first without their payloads, replaces one at the same sequence, answers null for one it lacks, and still
/// has them all after a restart. Each backend runs it by deriving a test class that supplies its
/// <see cref="IStoreTarget"/>.
/// </summary>
public abstract class SnapshotStoreContract : StoreContract
{
    /// <summary>Runs the contract on a fresh database from <paramref name="target"/>, removed after the test.</summary>
    protected SnapshotStoreContract(IStoreTarget target)
        : base(target)
    {
    }

    [ContractFact]
    public void An_empty_store_lists_nothing_and_loads_nothing()
    {
        using var store = Target.Open(PageSize);
        Assert.Empty(store.Snapshots.List());
        Assert.Null(store.Snapshots.Load(0));
        Assert.Null(store.Snapshots.Load(42));
    }

    [ContractFact]
    public void Saves_and_loads_snapshots_byte_for_byte_and_lists_them_newest_first()
    {
        using var store = Target.Open(PageSize);
        var snapshots = new[] { Snapshot(100, 1_000), Snapshot(0, 0), Snapshot(250, 70_000), Snapshot(7, 3) };
        foreach (var snapshot in snapshots)
        {
            store.Snapshots.Save(snapshot);
        }

        Assert.Equal(snapshots.OrderByDescending(s => s.Sequence).Select(s => s.Info), store.Snapshots.List());
        foreach (var snapshot in snapshots)
        {
            AssertSame(snapshot, store.Snapshots.Load(snapshot.Sequence));
        }

        Assert.Null(store.Snapshots.Load(8));
    }

    [ContractFact]
    public void A_snapshot_at_the_same_sequence_replaces_the_one_there()
    {
        using var store = Target.Open(PageSize);
        store.Snapshots.Save(Snapshot(10, 500));
        store.Snapshots.Save(Snapshot(20, 500));
        var replacement = Snapshot(10, 800, seed: 2);
        store.Snapshots.Save(replacement);

        Assert.Equal([20L, 10L], store.Snapshots.List().Select(info => info.Sequence));
        Assert.Equal(replacement.Info, store.Snapshots.List()[1]);
        AssertSame(replacement, store.Snapshots.Load(10));
    }

    [ContractFact]
    public void Keeps_a_large_payload()
    {
        var large = Snapshot(1_000_000, 20 * 1024 * 1024);
        using (var store = Target.Open(PageSize))
        {
            store.Snapshots.Save(large);
            Assert.Equal(large.Payload.LongLength, store.Snapshots.List().Single().Size);
        }

        using var reopened = Target.Open(PageSize);
        AssertSame(large, reopened.Snapshots.Load(large.Sequence));
    }

    [ContractFact]
    public void Everything_saved_is_there_after_a_restart_exactly()
    {
        var snapshots = new[] { Snapshot(5, 10), Snapshot(50, 12_345), Snapshot(500, 1) };
        using (var store = Target.Open(PageSize))
        {
            foreach (var snapshot in snapshots)
            {
                store.Snapshots.Save(snapshot);
            }
        }

        using var reopened = Target.Open(PageSize);
        Assert.Equal(snapshots.Reverse().Select(s => s.Info), reopened.Snapshots.List());
        foreach (var snapshot in snapshots)
        {
            AssertSame(snapshot, reopened.Snapshots.Load(snapshot.Sequence));
        }
    }

    [ContractFact]
    public void Taken_times_round_trip_to_the_microsecond_in_utc()
    {
        var takenAt = new DateTimeOffset(2026, 1, 2, 3, 4, 5, TimeSpan.FromHours(-5)).AddTicks(1_234_560);
        using (var store = Target.Open(PageSize))
        {
            store.Snapshots.Save(Snapshot(3, 3) with { TakenAt = takenAt });
        }

        using var reopened = Target.Open(PageSize);
        var loaded = reopened.Snapshots.Load(3)!;
        Assert.Equal(takenAt, loaded.TakenAt);
        Assert.Equal(TimeSpan.Zero, loaded.TakenAt.Offset);
        Assert.Equal(takenAt, reopened.Snapshots.List().Single().TakenAt);
    }

    [ContractFact]
    public void Refuses_a_snapshot_without_its_fields_or_at_a_negative_sequence()
    {
        using var store = Target.Open(PageSize);
        Assert.Throws<ArgumentNullException>(() => store.Snapshots.Save(null!));
        Assert.Throws<ArgumentOutOfRangeException>(() => store.Snapshots.Save(Snapshot(1, 1) with { Sequence = -1 }));
        Assert.Throws<ArgumentException>(() => store.Snapshots.Save(Snapshot(1, 1) with { Payload = null! }));
        Assert.Throws<ArgumentException>(() => store.Snapshots.Save(Snapshot(1, 1) with { StateHash = null! }));
        Assert.Empty(store.Snapshots.List());
    }

    /// <summary>A snapshot at <paramref name="sequence"/> with <paramref name="size"/> bytes of random-looking payload.</summary>
    private static StoredSnapshot Snapshot(long sequence, int size, int seed = 1)
    {
        var payload = new byte[size];
        new Random((int)(sequence * 31 + size + seed)).NextBytes(payload);
        var payloadChecksum = Convert.ToHexStringLower(SHA256.HashData(payload));
        return new StoredSnapshot(
            sequence,
            StateHash: $"state-{sequence}-{seed}",
            JournalChecksum: sequence == 0 ? "" : Convert.ToHexStringLower(SHA256.HashData(BitConverter.GetBytes(sequence))),
            payload,
            payloadChecksum,
            TestBatches.At(sequence + seed));
    }

    private static void AssertSame(StoredSnapshot expected, StoredSnapshot? actual)
    {
        Assert.NotNull(actual);
        Assert.Equal(expected.Info, actual.Info);
        Assert.Equal(expected.PayloadChecksum, actual.PayloadChecksum);
        Assert.True(expected.Payload.AsSpan().SequenceEqual(actual.Payload), $"the payload at {expected.Sequence} changed");
    }
}
