using System.Buffers;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Serialization.Wire;

namespace Ringfence.Storage.Journal;

/// <summary>
/// The payload of a journal batch: a format version byte (<see cref="Version"/>), the number of commands, then each
/// command as a length and its binary form (<see cref="CommandCodec"/>: exact fixed-point units, UTF-8 text). The
/// lengths let a reader find each command without decoding the ones before it.
/// </summary>
public static class JournalBatchCodec
{
    /// <summary>The payload format this build writes and reads.</summary>
    public const byte Version = 1;

    /// <summary>The payload of a batch of <paramref name="commands"/>, in order.</summary>
    /// <exception cref="ArgumentException">A command has no wire form.</exception>
    public static byte[] Encode(IReadOnlyList<Command> commands)
    {
        ArgumentNullException.ThrowIfNull(commands);
        var output = new ArrayBufferWriter<byte>(64 + (commands.Count * 64));
        var scratch = new ArrayBufferWriter<byte>(256);
        var writer = new WireWriter(output);
        writer.Byte(Version);
        writer.Varint((ulong)commands.Count);
        foreach (var command in commands)
        {
            scratch.ResetWrittenCount();
            CommandCodec.Write(scratch, command);
            writer.Varint((ulong)scratch.WrittenCount);
            output.Write(scratch.WrittenSpan);
        }

        return output.WrittenSpan.ToArray();
    }

    /// <summary>The commands of <paramref name="batch"/>, in order.</summary>
    /// <exception cref="WireFormatException">
    /// The payload is torn or damaged, of another version, or holds another number of commands than the batch says;
    /// the message names the batch's sequences and the command.
    /// </exception>
    public static IReadOnlyList<Command> Decode(JournalBatch batch)
    {
        ArgumentNullException.ThrowIfNull(batch);
        var reader = new WireReader(batch.Payload);
        var sequence = batch.FirstSequence;
        try
        {
            var version = reader.Byte();
            if (version != Version)
            {
                throw new WireFormatException($"payload format version {version}, this build reads {Version}");
            }

            var count = reader.Count(batch.Payload.Length, "the command count");
            if (count != batch.Count)
            {
                throw new WireFormatException($"it holds {count} commands where its row says {batch.Count}");
            }

            var commands = new Command[count];
            for (var i = 0; i < count; i++, sequence++)
            {
                var length = reader.Count(batch.Payload.Length, "a command length");
                var start = reader.Position;
                commands[i] = CommandCodec.Read(ref reader);
                if (reader.Position - start != length)
                {
                    throw new WireFormatException($"the command at sequence {sequence} is {reader.Position - start} bytes where its length says {length}");
                }
            }

            return reader.AtEnd ? commands : throw new WireFormatException($"{batch.Payload.Length - reader.Position} bytes follow its last command");
        }
        catch (WireFormatException damaged)
        {
            throw new WireFormatException($"the journal batch of {batch.Range} cannot be read (at sequence {Math.Min(sequence, batch.LastSequence)}): {damaged.Message}", damaged);
        }
    }
}
