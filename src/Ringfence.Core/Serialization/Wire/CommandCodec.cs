using System.Buffers;
using System.Collections.Frozen;
using System.Reflection;
using Ringfence.Core.Engine.Commands;

namespace Ringfence.Core.Serialization.Wire;

/// <summary>
/// The compact binary form of a command, for the journal: its wire <c>type</c>, then either its fields (exact
/// fixed-point units, UTF-8 text; see <see cref="WireShape"/>) or, for a command with a field the binary form does not
/// cover (<c>listInstrument</c>'s instrument terms), its JSON from <see cref="CommandWriter"/>. Both forms read back as
/// the same command. Derived from the records like the writer: a new command needs no change here.
/// </summary>
public static class CommandCodec
{
    private const byte FieldsForm = 0;
    private const byte JsonForm = 1;

    private static readonly FrozenDictionary<string, Type> TypesByName = typeof(Command).Assembly.GetTypes()
        .Where(t => typeof(Command).IsAssignableFrom(t) && !t.IsAbstract && t.GetCustomAttribute<WireTypeAttribute>() is not null)
        .ToFrozenDictionary(t => t.GetCustomAttribute<WireTypeAttribute>()!.Name, StringComparer.Ordinal);

    /// <summary>Appends the binary form of <paramref name="command"/> to <paramref name="output"/>.</summary>
    /// <exception cref="ArgumentException">
    /// The command's type declares no <see cref="WireTypeAttribute"/>, or it is written as JSON that the parser refuses.
    /// </exception>
    public static void Write(IBufferWriter<byte> output, Command command)
    {
        ArgumentNullException.ThrowIfNull(output);
        ArgumentNullException.ThrowIfNull(command);
        var writer = new WireWriter(output);
        var type = command.GetType();
        writer.Text(CommandWriter.TypeOf(type));
        if (WireShape.For(type) is { } shape)
        {
            writer.Byte(FieldsForm);
            shape.Write(writer, command);
        }
        else
        {
            // Refused now, not when the data is read back: JSON the parser refuses (a listing under an unknown profile,
            // say) would be unreadable. Such commands are rare set-ups, so the check costs nothing that matters.
            var json = CommandWriter.Write(command);
            try
            {
                CommandJson.Parse(json);
            }
            catch (JsonInputException refused)
            {
                throw new ArgumentException($"the {CommandWriter.TypeOf(type)} has no wire form: its JSON is refused ({refused.Message})", nameof(command), refused);
            }

            writer.Byte(JsonForm);
            writer.Text(json);
        }
    }

    /// <summary>Reads one command written by <see cref="Write"/>.</summary>
    /// <exception cref="WireFormatException">The data is truncated, damaged or names an unknown command type.</exception>
    public static Command Read(ref WireReader reader)
    {
        var start = reader.Position;
        var name = reader.Text();
        if (!TypesByName.TryGetValue(name, out var type))
        {
            throw new WireFormatException($"unknown command type {InputExcerpt.Quote(name)} at byte {start}");
        }

        switch (reader.Byte())
        {
            case FieldsForm when WireShape.For(type) is { } shape:
                return (Command)shape.Read(ref reader);
            case JsonForm:
                var json = reader.Text();
                try
                {
                    var command = CommandJson.Parse(json);
                    return command.GetType() == type ? command : throw new WireFormatException($"a {name} at byte {start} holds the JSON of a {CommandWriter.TypeOf(command.GetType())}");
                }
                catch (JsonInputException invalid)
                {
                    throw new WireFormatException($"the {name} at byte {start} holds JSON that does not parse: {invalid.Message}", invalid);
                }

            case var form:
                throw new WireFormatException($"{form} is not a form the {name} at byte {start} can be read in");
        }
    }
}
