using System.Buffers;
using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Serialization;
using Ringfence.Core.Serialization.Wire;
using Ringfence.Core.Tests.Engine.Generation;
using Ringfence.Core.Tests.Golden;

namespace Ringfence.Core.Tests.Serialization.Wire;

public sealed class CommandCodecTests
{
    private const string Fixture = "commands-binary.txt";

    [Fact]
    public void Random_commands_read_back_from_their_binary_form_as_the_same_commands_and_run_the_same() =>
        PropertyCases.Verify(RandomScenarios.ExternalScenarios, scenario =>
        {
            var original = new MarginEngine();
            var decoded = new MarginEngine();
            foreach (var command in scenario.Commands)
            {
                byte[] bytes;
                try
                {
                    bytes = Encode(command);
                }
                catch (ArgumentException) when (command is ListInstrument)
                {
                    // A listing the parser refuses has no wire form (nor reaches the journal, which takes parsed
                    // commands); the engine refuses it too, so the decoded engine stays in step without it.
                    // (A repeated client id is answered with its first outcome whatever the repeat holds.)
                    var refused = original.Execute(command);
                    Assert.False(refused.Accepted && !refused.Duplicate, $"the engine accepts {CommandWriter.Write(command)}");
                    continue;
                }

                var reader = new WireReader(bytes);
                var back = CommandCodec.Read(ref reader);
                Assert.True(reader.AtEnd, $"{reader.Position} of {bytes.Length} bytes of {CommandWriter.Write(command)} were read");
                Assert.Equal(CommandWriter.Write(command), CommandWriter.Write(back));
                if (command is not ListInstrument)
                {
                    Assert.Equal(command, back);
                }

                var expected = original.Execute(command);
                var actual = decoded.Execute(back);
                Assert.Equal(expected.Events, actual.Events);
                Assert.Equal(expected.Postings, actual.Postings);
            }

            Assert.Equal(original.Hash(), decoded.Hash());
        });

    [Fact]
    public void Every_command_but_a_listing_is_written_field_by_field_not_as_json()
    {
        foreach (var type in typeof(Command).Assembly.GetTypes().Where(t => typeof(Command).IsAssignableFrom(t) && !t.IsAbstract))
        {
            Assert.True(type == typeof(ListInstrument) || WireShape.For(type) is not null, $"{type.Name} has no binary shape and would be journaled as JSON");
        }
    }

    [Fact]
    public void Recorded_binary_commands_read_back_as_their_recorded_json_and_are_written_to_the_same_bytes()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "Golden", "Fixtures", Fixture);
        if (Environment.GetEnvironmentVariable(GoldenFile.WriteVariable) == "1")
        {
            GoldenFile.Verify(Fixture, RecordSamples());
            return;
        }

        // Data written by earlier builds must keep its meaning: a field inserted, reordered or removed fails here.
        var lines = File.ReadAllLines(path).Where(l => l.Length > 0).ToList();
        var types = new HashSet<string>(StringComparer.Ordinal);
        foreach (var line in lines)
        {
            var (bytes, json) = (Convert.FromBase64String(line[..line.IndexOf(' ', StringComparison.Ordinal)]), line[(line.IndexOf(' ', StringComparison.Ordinal) + 1)..]);
            var reader = new WireReader(bytes);
            var command = CommandCodec.Read(ref reader);
            Assert.True(reader.AtEnd);
            Assert.Equal(json, CommandWriter.Write(command));
            Assert.Equal(bytes, Encode(command));
            types.Add(CommandWriter.TypeOf(command.GetType()));
        }

        Assert.Equal(CommandJson.Types.Order(StringComparer.Ordinal), types.Order(StringComparer.Ordinal));
    }

    [Fact]
    public void Truncated_or_damaged_data_is_refused_with_a_wire_format_error_and_nothing_else()
    {
        var scenario = RandomScenarios.ExternalScenarios.Sample(1, new Rnd(11UL, 3UL), 30).First();
        var random = new Random(20261204);
        foreach (var command in scenario.Commands.Take(60))
        {
            var bytes = Encode(command);
            for (var length = 0; length < bytes.Length; length++)
            {
                Assert.Throws<WireFormatException>(() => Decode(bytes.AsSpan(0, length).ToArray()));
            }

            for (var flip = 0; flip < 20; flip++)
            {
                var damaged = bytes.ToArray();
                damaged[random.Next(damaged.Length)] ^= (byte)(1 << random.Next(8));
                var outcome = Record.Exception(() => Decode(damaged));
                Assert.True(outcome is null or WireFormatException, $"{outcome?.GetType().Name}: {outcome?.Message} decoding damaged {CommandWriter.Write(command)}");
            }
        }
    }

    [Fact]
    public void A_field_count_beyond_what_the_reader_knows_is_refused_as_newer_data()
    {
        var bytes = Encode(new SettleFunding("BTCUSDT"));

        // type "settleFunding" (length byte + 13), the form byte, then the field count: 3 (time, id, symbol).
        Assert.Equal(3, bytes[15]);
        bytes[15] = 4;

        var error = Assert.Throws<WireFormatException>(() => Decode(bytes));
        Assert.Contains("SettleFunding was written with 4 fields; this reader knows 3", error.Message, StringComparison.Ordinal);
    }

    private static Command Decode(byte[] bytes)
    {
        var reader = new WireReader(bytes);
        var command = CommandCodec.Read(ref reader);
        return reader.AtEnd ? command : throw new WireFormatException($"{bytes.Length - reader.Position} bytes left over");
    }

    private static byte[] Encode(Command command)
    {
        var buffer = new ArrayBufferWriter<byte>();
        CommandCodec.Write(buffer, command);
        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Two commands of every type (from random scenarios of fixed seeds), one line each: base64 of the bytes, the JSON.</summary>
    private static string RecordSamples()
    {
        var samples = new Dictionary<Type, List<Command>>();
        foreach (var scenario in RandomScenarios.ExternalScenarios.Sample(60, new Rnd(5UL, 9UL), 40))
        {
            foreach (var command in scenario.Commands)
            {
                var list = samples.TryGetValue(command.GetType(), out var found) ? found : samples[command.GetType()] = [];
                if (list.Count < 2 && (list.Count == 0 || command.Time is not null || command.ClientId is not null))
                {
                    list.Add(command);
                }
            }
        }

        return string.Concat(samples.OrderBy(s => s.Key.Name, StringComparer.Ordinal).SelectMany(s => s.Value)
            .Select(c => $"{Convert.ToBase64String(Encode(c))} {CommandWriter.Write(c)}\n"));
    }
}
