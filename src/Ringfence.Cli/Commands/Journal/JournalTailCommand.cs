using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Ringfence.Cli.Storage;
using Ringfence.Storage;
using Ringfence.Storage.Journal;
using Spectre.Console;

namespace Ringfence.Cli.Commands.Journal;

/// <summary>
/// <c>ringfence journal tail [--db FILE|CONNECTION] [--count N] [--json]</c>: the last N journaled commands, oldest
/// first: sequence, when written, command type, client id and the command as journaled. It only reads, so it runs
/// beside a host.
/// </summary>
internal static class JournalTailCommand
{
    /// <summary>Creates the command, bound to <paramref name="streams"/>.</summary>
    public static Command Create(StandardStreams streams)
    {
        var db = DatabaseOption.Create();
        var count = new Option<int>("--count", "-n")
        {
            Description = "How many of the last entries to print.",
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
            var entries = store.Journal.Tail(count);
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

    private static JsonObject ToJson(JournalEntry entry)
    {
        JsonNode? command;
        try
        {
            command = JsonNode.Parse(entry.Command);
        }
        catch (System.Text.Json.JsonException)
        {
            // A damaged entry is shown as it is stored; replay --verify says where the chain breaks.
            command = entry.Command;
        }

        return new JsonObject
        {
            ["seq"] = entry.Sequence,
            ["recordedAt"] = entry.RecordedAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
            ["checksum"] = entry.Checksum,
            ["command"] = command,
        };
    }

    private static void WriteTable(IReadOnlyList<JournalEntry> entries, TextWriter output, int columns)
    {
        var console = new PlainConsole(output, columns);
        var table = new Table()
            .AddColumn(new TableColumn("Seq").RightAligned())
            .AddColumn("Recorded at (UTC)")
            .AddColumn("Type")
            .AddColumn("Id")
            .AddColumn("Command");
        foreach (var entry in entries)
        {
            var (type, id) = Describe(entry.Command);
            table.AddRow(
                Markup.Escape(entry.Sequence.ToString("N0", CultureInfo.InvariantCulture)),
                Markup.Escape(entry.RecordedAt.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.ffffff", CultureInfo.InvariantCulture)),
                Markup.Escape(type),
                Markup.Escape(id),
                Markup.Escape(entry.Command));
        }

        console.Write(table);
        if (entries.Count == 0)
        {
            console.WriteLine("the journal is empty");
        }
    }

    private static (string Type, string Id) Describe(string command)
    {
        try
        {
            var node = JsonNode.Parse(command) as JsonObject;
            return (node?["type"]?.GetValue<string>() ?? "?", node?["id"]?.GetValue<string>() ?? "");
        }
        catch (Exception exception) when (exception is System.Text.Json.JsonException or InvalidOperationException)
        {
            return ("(unreadable)", "");
        }
    }
}
