using System.Buffers;
using BenchmarkDotNet.Attributes;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Serialization;
using Ringfence.Core.Serialization.Wire;

namespace Ringfence.Benchmarks.Wire;

/// <summary>
/// One command through each of its wire forms, per operation, with the memory diagnoser: parsing its JSON with
/// <see cref="CommandJson"/> (the baseline: what the host does with every command today), writing it back with
/// <see cref="CommandWriter"/>, and its binary journal form written and read with <see cref="CommandCodec"/>. A trade
/// (two nested sides, the largest everyday command) and a deposit (the smallest).
/// </summary>
[MemoryDiagnoser]
public class CommandWireBenchmarks
{
    private readonly ArrayBufferWriter<byte> _buffer = new(256);
    private string _json = "";
    private Command _command = null!;
    private byte[] _binary = [];

    /// <summary>Which command.</summary>
    [Params("trade", "deposit")]
    public string Kind { get; set; } = "trade";

    [GlobalSetup]
    public void Setup()
    {
        _json = Kind == "trade"
            ? """{"type":"trade","symbol":"BTCUSDT","price":"50012.5","quantity":"0.125","buyer":{"account":"t7","scope":"isolated","leverage":"26"},"seller":{"account":"mm","scope":"cross"},"time":"2026-11-21T08:00:00Z","id":"c123456"}"""
            : """{"type":"deposit","account":"t7","asset":"USDT","amount":"4321","id":"c123457"}""";
        _command = CommandJson.Parse(_json);
        _buffer.ResetWrittenCount();
        CommandCodec.Write(_buffer, _command);
        _binary = _buffer.WrittenSpan.ToArray();
    }

    [Benchmark(Baseline = true)]
    public Command ParseJson() => CommandJson.Parse(_json);

    [Benchmark]
    public string WriteJson() => CommandWriter.Write(_command);

    [Benchmark]
    public int EncodeBinary()
    {
        _buffer.ResetWrittenCount();
        CommandCodec.Write(_buffer, _command);
        return _buffer.WrittenCount;
    }

    [Benchmark]
    public Command DecodeBinary()
    {
        var reader = new WireReader(_binary);
        return CommandCodec.Read(ref reader);
    }
}
