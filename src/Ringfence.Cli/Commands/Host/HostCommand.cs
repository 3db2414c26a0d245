using System.CommandLine;
using Ringfence.Cli.Host;
using Ringfence.Cli.Storage;
using Ringfence.Hosting;
using Ringfence.Hosting.Recovery;
using Ringfence.Storage;

namespace Ringfence.Cli.Commands.Host;

/// <summary>
/// <c>ringfence host [--db FILE|CONNECTION] [--max-batch N] [--snapshot-every N]</c>: recovers the engine from the
/// store, then reads one command per line from standard input and writes one acknowledgement per line to standard
/// output once the command is journaled (docs/cli.md, "host").
/// </summary>
internal static class HostCommand
{
    /// <summary>Creates the command, bound to <paramref name="streams"/>.</summary>
    public static Command Create(StandardStreams streams)
    {
        var db = DatabaseOption.Create();
        var maxBatch = new Option<int>("--max-batch")
        {
            Description = "Most commands journaled in one transaction (group commit).",
            DefaultValueFactory = _ => new HostOptions().MaxBatch,
        };
        var snapshotEvery = new Option<long>("--snapshot-every")
        {
            Description = "Store a snapshot after this many journaled commands (0: only on demand).",
            DefaultValueFactory = _ => new HostOptions().SnapshotEvery,
        };
        var command = new Command("host", "Run the engine durably: commands from standard input, acknowledgements (after the journal commit) on standard output.");
        command.Options.Add(db);
        command.Options.Add(maxBatch);
        command.Options.Add(snapshotEvery);
        command.SetAction(parseResult => Execute(
            streams,
            parseResult.GetValue(db)!,
            new HostOptions { MaxBatch = parseResult.GetValue(maxBatch), SnapshotEvery = parseResult.GetValue(snapshotEvery) }));
        return command;
    }

    private static int Execute(StandardStreams streams, string location, HostOptions options)
    {
        if (options.MaxBatch < 1 || options.SnapshotEvery < 0)
        {
            ErrorLine.Write(streams.Error, "--max-batch must be at least 1 and --snapshot-every at least 0");
            return ExitCodes.InputError;
        }

        EngineHost host;
        try
        {
            host = EngineHost.Start(StoreOpening.Open(location, StoreAccess.Write, mustExist: false), options);
        }
        catch (StoreUnavailableException exception)
        {
            ErrorLine.Write(streams.Error, exception.Message);
            return ExitCodes.StoreError;
        }
        catch (RecoveryException exception)
        {
            ErrorLine.Write(streams.Error, $"cannot recover: {exception.Message}");
            return ExitCodes.StoreError;
        }

        var recovery = host.Recovery;
        streams.Error.WriteLine(
            $"ringfence host: recovered to entry {recovery.Sequence} ({(recovery.Snapshot is { } s ? $"snapshot {s.Sequence}" : "no snapshot")} + {recovery.Replayed} replayed) in {recovery.Elapsed.TotalMilliseconds:F0} ms, state hash {recovery.StateHash}");
        foreach (var skipped in recovery.SkippedSnapshots)
        {
            streams.Error.WriteLine($"ringfence host: skipped snapshot {skipped.Sequence}: {skipped.Reason}");
        }

        var healthy = HostSession.RunAsync(host, streams.In, streams.Out).GetAwaiter().GetResult();
        var hash = healthy ? host.HashAsync().GetAwaiter().GetResult() : null;
        host.DisposeAsync().AsTask().GetAwaiter().GetResult();
        if (!healthy)
        {
            ErrorLine.Write(streams.Error, $"the host stopped: {host.Failure?.Message}");
            return ExitCodes.StoreError;
        }

        var faults = host.Faults == 0 ? string.Empty : $", {host.Faults} engine fault(s) (INTERNAL_ERROR, rolled back)";
        streams.Error.WriteLine($"ringfence host: stopped at entry {host.Sequence}, state hash {hash}{faults}");
        return ExitCodes.Success;
    }
}
