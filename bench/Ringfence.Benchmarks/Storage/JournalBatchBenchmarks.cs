using BenchmarkDotNet.Attributes;
using Ringfence.Cli.Bench.Journal;
using Ringfence.Cli.Host;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Serialization;
using Ringfence.Hosting;
using Ringfence.Storage.Journal;

namespace Ringfence.Benchmarks.Storage;

/// <summary>
/// The engine thread's per-batch journal work and the acknowledgement a caller builds, per batch of
/// <see cref="Size"/> commands of the journal benchmark's stream (<see cref="CommandStream"/>), memory diagnoser on:
/// encoding the batch's payload, chaining its checksum, decoding it back (what recovery does per row), and writing
/// each command's acknowledgement line as <c>ringfence host</c> does (<see cref="AcknowledgementLine"/>). Divide by
/// <see cref="Size"/> for the cost per command.
/// </summary>
[MemoryDiagnoser]
public class JournalBatchBenchmarks
{
    private IReadOnlyList<Command> _commands = [];
    private byte[] _payload = [];
    private JournalBatch _batch = null!;
    private Acknowledgement[] _acknowledgements = [];

    /// <summary>Commands per batch.</summary>
    [Params(256, 4096)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var stream = new CommandStream(20_261_121);
        var engine = new MarginEngine();
        var commands = new List<Command>();
        var acknowledgements = new List<Acknowledgement>();
        for (var i = 0; i < Size; i++)
        {
            var command = CommandJson.Parse(stream[i]);
            commands.Add(command);
            acknowledgements.Add(new Acknowledgement(i + 1, command.ClientId, engine.Execute(command)));
        }

        _commands = commands;
        _acknowledgements = [.. acknowledgements];
        _payload = JournalBatchCodec.Encode(_commands);
        _batch = new JournalBatch(1, Size, _payload, JournalChain.Next(JournalChain.Genesis, 1, Size, _payload), DateTimeOffset.UnixEpoch);
    }

    [Benchmark(Baseline = true)]
    public int EncodeBatch() => JournalBatchCodec.Encode(_commands).Length;

    [Benchmark]
    public string ChainChecksum() => JournalChain.Next(JournalChain.Genesis, 1, Size, _payload);

    [Benchmark]
    public int DecodeBatch() => JournalBatchCodec.Decode(_batch).Count;

    [Benchmark]
    public int WriteAcknowledgements()
    {
        var length = 0;
        for (var i = 0; i < _acknowledgements.Length; i++)
        {
            length += AcknowledgementLine.Of(i + 1, _acknowledgements[i]).Length;
        }

        return length;
    }
}
