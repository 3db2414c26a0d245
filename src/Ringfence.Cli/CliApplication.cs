using System.CommandLine;
using Ringfence.Cli.Commands.Bench;
using Ringfence.Cli.Commands.Calc;
using Ringfence.Cli.Commands.Host;
using Ringfence.Cli.Commands.Journal;
using Ringfence.Cli.Commands.Keys;
using Ringfence.Cli.Commands.Replay;
using Ringfence.Cli.Commands.Run;
using Ringfence.Cli.Commands.Serve;
using Ringfence.Cli.Commands.Snapshot;

namespace Ringfence.Cli;

/// <summary>
/// The <c>ringfence</c> command line: builds the command tree and runs one invocation against the given streams.
/// </summary>
internal static class CliApplication
{
    /// <summary>
    /// Runs <paramref name="args"/> and returns the process exit code (see <see cref="ExitCodes"/>); tables are folded
    /// to <paramref name="columns"/> characters.
    /// </summary>
    public static int Run(string[] args, TextReader stdin, TextWriter stdout, TextWriter stderr, int columns = TerminalWidth.Default)
    {
        ArgumentNullException.ThrowIfNull(stderr);
        var streams = new StandardStreams(stdin, stdout, stderr, Math.Clamp(columns, TerminalWidth.Minimum, TerminalWidth.Maximum));
        var root = new RootCommand("Ringfence: an isolated-margin risk engine.");
        root.Subcommands.Add(CalcCommand.Create(streams));
        root.Subcommands.Add(RunCommand.Create(streams));
        root.Subcommands.Add(BenchCommand.Create(streams));
        root.Subcommands.Add(HostCommand.Create(streams));
        root.Subcommands.Add(ReplayCommand.Create(streams));
        root.Subcommands.Add(SnapshotCommand.Create(streams, TimeProvider.System));
        root.Subcommands.Add(JournalCommand.Create(streams));
        root.Subcommands.Add(ServeCommand.Create(streams));
        root.Subcommands.Add(KeysCommand.Create(streams));

        var parseResult = root.Parse(args);
        if (parseResult.Errors.Count > 0)
        {
            // System.CommandLine would print every error plus the help text and exit 1; the CLI promises one line and 2.
            // A mistyped word comes first: "Required command was not provided" about 'ringfence frobnicate' hides it.
            var message = parseResult.UnmatchedTokens.Count > 0
                ? $"unknown command or option {Core.Serialization.InputExcerpt.Quote(parseResult.UnmatchedTokens[0])}"
                : parseResult.Errors[0].Message;
            ErrorLine.Write(stderr, $"{message} (see 'ringfence --help')");
            return ExitCodes.InputError;
        }

        try
        {
            return parseResult.Invoke(new InvocationConfiguration
            {
                Output = stdout,
                Error = stderr,
                EnableDefaultExceptionHandler = false,
            });
        }
#pragma warning disable CA1031 // The promise is one line and no stack trace, whatever went wrong.
        catch (Exception exception)
#pragma warning restore CA1031
        {
            ErrorLine.Write(stderr, $"internal: {exception.GetType().Name}: {exception.Message}");
            return ExitCodes.InternalError;
        }
    }
}
