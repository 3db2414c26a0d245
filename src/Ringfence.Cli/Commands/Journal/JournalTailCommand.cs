using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Ringfence.Cli.Storage;
using Ringfence.Core.Serialization.Wire;
using Ringfence.Storage;
using Ringfence.Storage.Journal;
using Spectre.Console;

namespace Ringfence.Cli.Commands.Journal;

/// <summary>
/// <c>ringfence journal tail [--db FILE|CONNECTION] [--count N] [--json]</c>: the last N journaled commands, oldest
/// first: sequence, when its batch was written, command type, client id and the command, decoded from the batch and
/// written as JSON by the command writer. It only reads, so it runs beside a host.
/// </summary>
internal static class JournalTailCommand
{
    /// <summary>Creates the command, bound to <paramref name="streams"/>.</summary>
    public static Command Create(StandardStreams streams)
    {
        var db = DatabaseOption.Create();
        var count = new Option<int>("--count", "-n")
        {
            Description = "How many of the last commands to print.",
            DefaultValueFactory = _ => 20,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object per line instead of a table." };
        var command = new Command("tail", "Print the most recent journaled commands.");
        command.Options.Add(db);
        command.Options.Add(count);
        command.Options.Add(json);
        command.SetAction(parseResult => Execute(streams, parseResult.GetValue(db)!, parseResult.GetValue(count), parseResult.GetValue(json)));
        return command;
    }

    private static int Execute(StandardStreams streams, string location, int count, bool json)
    {
        if (count < 1)
        {
            ErrorLine.Write(streams.Error, $"--count: must be at least 1, not {count}");
            return ExitCodes.InputError;
        }

        if (!StoreOpening.TryOpenExisting(streams.Error, location, StoreAccess.Read, out var store))
        {
            return ExitCodes.StoreError;
        }

        using (store)
        {
            var entries = Last(store.Journal.Tail(count), count);
            if (json)
            {
                foreach (var entry in entries)
                {
                    streams.Out.WriteLine(ToJson(entry).ToJsonString(OutputJson.Line));
                }
            }
            else
            {
                WriteTable(entries, streams.Out, streams.Columns);
            }

            return ExitCodes.Success;
        }
    }

    /// <summary>
    /// The last <paramref name="count"/> commands of <paramref name="batches"/> (the last batches hold at least that
    /// many), each written as JSON by the command writer. A batch that does not decode is one line saying why, at its
    /// first sequence; replay --verify says where the chain breaks.
    /// </summary>
    private static List<TailLine> Last(IReadOnlyList<JournalBatch> batches, int count)
    {
        var lines = new List<TailLine>();
        foreach (var batch in batches)
        {
            try
            {
                var commands = JournalBatchCodec.Decode(batch);
                for (var i = 0; i < commands.Count; i++)
                {
                    var command = commands[i];
                    lines.Add(new TailLine(batch.FirstSequence + i, batch, CommandWriter.TypeOf(command.GetType()), command.ClientId, CommandWriter.Write(command), null));
                }
            }
            catch (WireFormatException damaged)
            {
                lines.Add(new TailLine(batch.FirstSequence, batch, "(unreadable)", null, null, damaged.Message));
            }
        }

        return lines.Count > count ? lines[^count..] : lines;
    }

    private static JsonObject ToJson(TailLine line)
    {
        var json = new JsonObject
        {
            ["seq"] = line.Sequence,
            ["recordedAt"] = line.Batch.RecordedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["checksum"] = line.Batch.Checksum,
            ["command"] = line.Command is null ? null : JsonNode.Parse(line.Command),
        };
        if (line.Problem is not null)
        {
            json["problem"] = line.Problem;
        }

        return json;
    }

    private static void WriteTable(IReadOnlyList<TailLine> lines, TextWriter output, int columns)
    {
        var console = new PlainConsole(output, columns);
        var table = new Table()
            .AddColumn(new TableColumn("Seq").RightAligned())
            .AddColumn("Recorded at (UTC)")
            .AddColumn("Type")
            .AddColumn("Id")
            .AddColumn("Command");
        foreach (var line in lines)
        {
            table.AddRow(
                Markup.Escape(line.Sequence.ToString("N0", CultureInfo.InvariantCulture)),
                Markup.Escape(line.Batch.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)),
                Markup.Escape(line.Type),
                Markup.Escape(line.ClientId ?? ""),
                Markup.Escape(line.Command ?? line.Problem ?? ""));
        }

        console.Write(table);
        if (lines.Count == 0)
        {
            console.WriteLine("the journal is empty");
        }
    }

    /// <summary>One command of the tail (or one unreadable batch): its sequence, its batch, and the command as JSON.</summary>
    private sealed record TailLine(long Sequence, JournalBatch Batch, string Type, string? ClientId, string? Command, string? Problem);
}
