using BenchmarkDotNet.Attributes;
using Ringfence.Benchmarks.Engine;
using Ringfence.Cli.Bench;
using Ringfence.Core.Engine;
using Ringfence.Storage.Snapshots;

namespace Ringfence.Benchmarks.Storage;

/// <summary>
/// What a snapshot costs, on the book of n isolated positions the liquidation benchmarks use
/// (<see cref="LiquidationBook"/>): the state hash (the baseline: every snapshot and every recovery computes it),
/// <see cref="SnapshotCodec.Encode"/> and <see cref="SnapshotCodec.Decode(byte[])"/>, and
/// <see cref="MarginEngine.Restore"/> of the decoded state (rebuilding the lookups and the liquidation index). The
/// periodic snapshot's work off the engine thread is Hash + Encode; recovery's is Decode + Restore + Hash.
/// </summary>
[MemoryDiagnoser]
[Config(typeof(EngineBenchmarkConfig))]
public class SnapshotBenchmarks
{
    private EngineSnapshot _state = null!;
    private byte[] _payload = [];

    /// <summary>Isolated positions in the book.</summary>
    [Params(10_000, 100_000)]
    public int Positions { get; set; }

    /// <summary>Builds the book, takes its state and encodes it once, checking the round trip.</summary>
    [GlobalSetup]
    public void Setup()
    {
        _state = LiquidationBook.Build(Positions).Engine.TakeSnapshot();
        _payload = SnapshotCodec.Encode(_state);
        if (StateHash.Of(SnapshotCodec.Decode(_payload)) != StateHash.Of(_state))
        {
            throw new InvalidOperationException("the snapshot does not round-trip");
        }
    }

    /// <summary>The state hash: SHA-256 of the canonical text.</summary>
    [Benchmark(Baseline = true)]
    public string Hash() => StateHash.Of(_state);

    /// <summary>The state to compressed bytes.</summary>
    [Benchmark]
    public byte[] Encode() => SnapshotCodec.Encode(_state);

    /// <summary>Compressed bytes to the state.</summary>
    [Benchmark]
    public EngineSnapshot Decode() => SnapshotCodec.Decode(_payload);

    /// <summary>An engine in the state (lookups and liquidation index rebuilt).</summary>
    [Benchmark]
    public MarginEngine Restore() => MarginEngine.Restore(_state);
}
