using System.CommandLine;
using Ringfence.Cli.Storage;
using Ringfence.Hosting.Recovery;
using Ringfence.Storage;

namespace Ringfence.Cli.Commands.Replay;

/// <summary>
/// <c>ringfence replay [--db FILE|CONNECTION] [--verify] [--json]</c>: rebuilds the state from the store the way the
/// host does on start-up (newest valid snapshot + the journal after it); with <c>--verify</c>, from the journal's first
/// entry, checking every snapshot's hash against the replay. Exit 3 when anything disagrees. It only reads, so it runs
/// beside a host: it replays what the host had committed when each page of the journal was read.
/// </summary>
internal static class ReplayCommand
{
    /// <summary>Creates the command, bound to <paramref name="streams"/>.</summary>
    public static Command Create(StandardStreams streams)
    {
        var db = DatabaseOption.Create();
        var verify = new Option<bool>("--verify")
        {
            Description = "Replay the whole journal from its first entry and check every snapshot against it.",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of tables." };
        var command = new Command("replay", "Rebuild the engine state from the journal (and snapshots) and print its hash.");
        command.Options.Add(db);
        command.Options.Add(verify);
        command.Options.Add(json);
        command.SetAction(parseResult => Execute(streams, parseResult.GetValue(db)!, parseResult.GetValue(verify), parseResult.GetValue(json)));
        return command;
    }

    private static int Execute(StandardStreams streams, string location, bool verify, bool json)
    {
        if (!StoreOpening.TryOpenExisting(streams.Error, location, StoreAccess.Read, out var store))
        {
            return ExitCodes.StoreError;
        }

        using (store)
        {
            var total = store.Journal.LastSequence;
            if (verify)
            {
                var report = ReplayProgress.Show(streams.Error, "replaying the journal", total, progress => JournalVerification.Verify(store, progress: progress));
                Write(streams, json, report);
                if (!report.Verified)
                {
                    ErrorLine.Write(streams.Error, report.JournalProblem ?? "a snapshot disagrees with the journal (see the table)");
                    return ExitCodes.StoreError;
                }

                return ExitCodes.Success;
            }

            if (StoreOpening.TryRecover(streams.Error, store) is not { } recovered)
            {
                return ExitCodes.StoreError;
            }

            if (json)
            {
                var result = ReplayReportWriter.ToJson(recovered.Report);
                result["state"] = Core.Serialization.StateJson.ToJson(recovered.Engine.View());
                streams.Out.WriteLine(result.ToJsonString(OutputJson.Line));
            }
            else
            {
                ReplayReportWriter.WriteTable(recovered.Report, streams.Out, streams.Columns);
            }

            return ExitCodes.Success;
        }
    }

    private static void Write(StandardStreams streams, bool json, VerificationReport report)
    {
        if (json)
        {
            streams.Out.WriteLine(ReplayReportWriter.ToJson(report).ToJsonString(OutputJson.Line));
        }
        else
        {
            ReplayReportWriter.WriteTable(report, streams.Out, streams.Columns);
        }
    }
}
