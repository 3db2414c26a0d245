using System.CommandLine;

namespace Ringfence.Cli.Commands.Journal;

/// <summary><c>ringfence journal</c>: reads the command journal.</summary>
internal static class JournalCommand
{
    /// <summary>Creates the command with its subcommands.</summary>
    public static Command Create(StandardStreams streams)
    {
        var journal = new Command("journal", "Read the command journal.");
        journal.Subcommands.Add(JournalTailCommand.Create(streams));
        return journal;
    }
}
