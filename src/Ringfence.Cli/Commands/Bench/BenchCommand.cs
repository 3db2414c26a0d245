using System.CommandLine;

namespace Ringfence.Cli.Commands.Bench;

/// <summary><c>ringfence bench</c>: wall-clock benchmarks of the engine on generated books.</summary>
internal static class BenchCommand
{
    /// <summary>Creates the command with its subcommands.</summary>
    public static Command Create(StandardStreams streams)
    {
        var bench = new Command("bench", "Benchmarks of the engine on generated books (docs/performance.md).");
        bench.Subcommands.Add(BenchLiquidationCommand.Create(streams));
        bench.Subcommands.Add(BenchJournalCommand.Create(streams));
        bench.Subcommands.Add(BenchThroughputCommand.Create(streams));
        return bench;
    }
}
