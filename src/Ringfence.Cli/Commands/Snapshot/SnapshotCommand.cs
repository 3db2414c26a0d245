using System.CommandLine;
using System.Globalization;
using System.Text.Json.Nodes;
using Ringfence.Cli.Storage;
using Ringfence.Storage;
using Ringfence.Storage.Snapshots;
using Spectre.Console;

namespace Ringfence.Cli.Commands.Snapshot;

/// <summary>
/// <c>ringfence snapshot [--db FILE|CONNECTION] [--json]</c>: recovers the state from the store and stores a snapshot
/// of it at the journal's last entry, so the next start-up replays nothing. It writes, so it is the store's one writer
/// while it runs: refused (exit 3) while a host holds the store, as a host is refused while it runs (a running host
/// takes snapshots itself, <c>--snapshot-every</c>).
/// </summary>
internal static class SnapshotCommand
{
    /// <summary>Creates the command, bound to <paramref name="streams"/>.</summary>
    public static Command Create(StandardStreams streams, TimeProvider clock)
    {
        var db = DatabaseOption.Create();
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of a table." };
        var command = new Command("snapshot", "Store a snapshot of the state at the journal's last entry.");
        command.Options.Add(db);
        command.Options.Add(json);
        command.SetAction(parseResult => Execute(streams, clock, parseResult.GetValue(db)!, parseResult.GetValue(json)));
        return command;
    }

    private static int Execute(StandardStreams streams, TimeProvider clock, string location, bool json)
    {
        if (!StoreOpening.TryOpenExisting(streams.Error, location, StoreAccess.Write, out var store))
        {
            return ExitCodes.StoreError;
        }

        using (store)
        {
            if (StoreOpening.TryRecover(streams.Error, store) is not { } recovered)
            {
                return ExitCodes.StoreError;
            }

            var stored = StoredSnapshot.Capture(recovered.Engine.TakeSnapshot(), recovered.Sequence, recovered.JournalChecksum, clock.GetUtcNow());
            store.Snapshots.Save(stored);
            var info = stored.Info;
            if (json)
            {
                streams.Out.WriteLine(new JsonObject
                {
                    ["sequence"] = info.Sequence,
                    ["stateHash"] = info.StateHash,
                    ["bytes"] = info.Size,
                    ["takenAt"] = info.TakenAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture),
                }.ToJsonString(OutputJson.Line));
            }
            else
            {
                var table = new Table().AddColumn("Figure").AddColumn("Value");
                table.AddRow("Snapshot at entry", info.Sequence.ToString("N0", CultureInfo.InvariantCulture));
                table.AddRow("Bytes", info.Size.ToString("N0", CultureInfo.InvariantCulture));
                table.AddRow("Taken at", info.TakenAt.UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
                var console = new PlainConsole(streams.Out, streams.Columns);
                console.Write(table);
                console.WriteLine(Storage.ReplayReportWriter.HashLine(info.StateHash));
            }

            return ExitCodes.Success;
        }
    }
}
