using System.CommandLine;
using Ringfence.Cli.Bench;
using Ringfence.Cli.Bench.Journal;
using Spectre.Console;

namespace Ringfence.Cli.Commands.Bench;

/// <summary>
/// <c>ringfence bench journal [--commands N] [--batches B,B,…] [--backends sqlite,postgres] [--postgres CONNECTION]
/// [--json]</c>: journaled commands per second, acknowledgement latency percentiles and recovery speed per backend and
/// group-commit size, against the in-memory engine in the same run (docs/performance.md).
/// </summary>
internal static class BenchJournalCommand
{
    private const string PostgresVariable = "RINGFENCE_POSTGRES";

    /// <summary>Creates the command, bound to <paramref name="streams"/>.</summary>
    public static Command Create(StandardStreams streams)
    {
        var commands = new Option<int>("--commands")
        {
            Description = "Commands per run.",
            DefaultValueFactory = _ => 20_000,
        };
        var batches = new Option<string>("--batches")
        {
            Description = "Group-commit sizes, comma-separated: commands in flight and the host's --max-batch.",
            HelpName = "B[,B...]",
            DefaultValueFactory = _ => "1,16,256,1024,4096",
        };
        var backends = new Option<string>("--backends")
        {
            Description = $"Where to journal, comma-separated: sqlite (temporary files), postgres (needs --postgres or {PostgresVariable}).",
            HelpName = "sqlite[,postgres]",
            DefaultValueFactory = _ => "sqlite",
        };
        var postgres = new Option<string?>("--postgres")
        {
            Description = $"Npgsql connection string of a database where each run gets a scratch schema (default: {PostgresVariable}).",
            HelpName = "CONNECTION",
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table (and no progress bars)." };
        var command = new Command("journal", "Time journaled throughput, acknowledgement latency and recovery against the in-memory engine.");
        command.Options.Add(commands);
        command.Options.Add(batches);
        command.Options.Add(backends);
        command.Options.Add(postgres);
        command.Options.Add(json);
        command.SetAction(parseResult => Execute(
            streams,
            parseResult.GetValue(commands),
            parseResult.GetValue(batches)!,
            parseResult.GetValue(backends)!,
            parseResult.GetValue(postgres) ?? Environment.GetEnvironmentVariable(PostgresVariable),
            parseResult.GetValue(json)));
        return command;
    }

    private static int Execute(StandardStreams streams, int commands, string batchesText, string backendsText, string? postgres, bool json)
    {
        if (commands is < 1 or > 10_000_000)
        {
            return Reject(streams, "--commands", $"must be from 1 to 10,000,000, not {commands}");
        }

        if (!BenchLiquidationCommand.TryParsePositions(batchesText, out var batches, out var problem) || batches.Any(b => b > 65_536))
        {
            return Reject(streams, "--batches", problem.Length > 0 ? problem : "a batch is at most 65,536 (the host's queue)");
        }

        var backends = backendsText.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (backends.Length == 0 || backends.Any(b => b is not ("sqlite" or "postgres")))
        {
            return Reject(streams, "--backends", $"'{backendsText}' is not a list of sqlite and postgres");
        }

        if (backends.Contains("postgres") && string.IsNullOrWhiteSpace(postgres))
        {
            return Reject(streams, "--postgres", $"postgres needs a connection string (--postgres or {PostgresVariable})");
        }

        var settings = new JournalBenchSettings(commands, batches, backends, postgres);
        var progressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(streams.Error) });
        var report = !json && progressConsole.Profile.Capabilities.Interactive && progressConsole.Profile.Capabilities.Ansi
            ? SpectreBenchProgress.Show(progressConsole, progress => JournalBenchmark.Run(settings, progress))
            : JournalBenchmark.Run(settings, IBenchProgress.None);
        if (json)
        {
            streams.Out.WriteLine(JournalBenchWriter.ToJson(report).ToJsonString(OutputJson.Line));
        }
        else
        {
            JournalBenchWriter.WriteTable(report, streams.Out, streams.Columns);
        }

        return ExitCodes.Success;
    }

    private static int Reject(StandardStreams streams, string option, string problem)
    {
        ErrorLine.Write(streams.Error, $"{option}: {problem}");
        return ExitCodes.InputError;
    }
}
