using System.CommandLine;
using Ringfence.Cli.Bench;
using Ringfence.Cli.Bench.Throughput;
using Spectre.Console;

namespace Ringfence.Cli.Commands.Bench;

/// <summary>
/// <c>ringfence bench throughput [--positions N[,N…]] [--commands N] [--json]</c>: commands per second through the
/// engine per kind and mixed, bytes allocated per command, and the floor loop in the same run (docs/performance.md).
/// </summary>
internal static class BenchThroughputCommand
{
    /// <summary>Creates the command, bound to <paramref name="streams"/>.</summary>
    public static Command Create(StandardStreams streams)
    {
        var positions = new Option<string>("--positions")
        {
            Description = "Book sizes (isolated positions), comma-separated; '_' may group digits.",
            HelpName = "N[,N...]",
            DefaultValueFactory = _ => "10000,100000",
        };
        var commands = new Option<int>("--commands")
        {
            Description = "Commands per stream (each kind alone, then mixed).",
            DefaultValueFactory = _ => 100_000,
        };
        var json = new Option<bool>("--json") { Description = "Print one JSON object instead of the table (and no progress bars)." };
        var command = new Command("throughput", "Time a deterministic mixed command stream through the engine against a floor loop.");
        command.Options.Add(positions);
        command.Options.Add(commands);
        command.Options.Add(json);
        command.SetAction(parseResult => Execute(streams, parseResult.GetValue(positions)!, parseResult.GetValue(commands), parseResult.GetValue(json)));
        return command;
    }

    private static int Execute(StandardStreams streams, string positionsText, int commands, bool json)
    {
        if (!BenchLiquidationCommand.TryParsePositions(positionsText, out var positions, out var problem))
        {
            ErrorLine.Write(streams.Error, $"--positions: {problem}");
            return ExitCodes.InputError;
        }

        if (commands is < 1 or > 100_000_000)
        {
            ErrorLine.Write(streams.Error, $"--commands: must be from 1 to 100,000,000, not {commands}");
            return ExitCodes.InputError;
        }

        var settings = new ThroughputSettings(positions, commands, LiquidationBook.DefaultSeed);
        var progressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(streams.Error) });
        var report = !json && progressConsole.Profile.Capabilities.Interactive && progressConsole.Profile.Capabilities.Ansi
            ? SpectreBenchProgress.Show(progressConsole, progress => ThroughputBenchmark.Run(settings, progress))
            : ThroughputBenchmark.Run(settings, IBenchProgress.None);
        if (json)
        {
            streams.Out.WriteLine(ThroughputBenchWriter.ToJson(report).ToJsonString(OutputJson.Line));
        }
        else
        {
            ThroughputBenchWriter.WriteTable(report, streams.Out, streams.Columns);
        }

        return ExitCodes.Success;
    }
}
