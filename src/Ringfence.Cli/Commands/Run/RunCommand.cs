using System.CommandLine;
using Ringfence.Cli.Run;

namespace Ringfence.Cli.Commands.Run;

/// <summary>
/// <c>ringfence run FILE [--json] [--on-error continue|stop]</c>: executes a scenario file, one JSON command per line
/// (docs/scenario-format.md), and prints the events and the final state.
/// </summary>
internal static class RunCommand
{
    private const string Continue = "continue";
    private const string Stop = "stop";

    /// <summary>Creates the command, bound to <paramref name="streams"/>.</summary>
    public static Command Create(StandardStreams streams)
    {
        var file = new Argument<string>("FILE")
        {
            Description = "Scenario file: one JSON command per line (docs/scenario-format.md); '-' reads standard input.",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object { events, state, errors } instead of tables.",
        };
        var onError = new Option<string>("--on-error")
        {
            Description = "After a line that is not a valid command: 'continue' with the next line (default) or 'stop'.",
            HelpName = "continue|stop",
            DefaultValueFactory = _ => Continue,
        };
        onError.AcceptOnlyFromAmong(Continue, Stop);

        var command = new Command("run", "Execute a scenario file of commands and print the events and the final state.");
        command.Arguments.Add(file);
        command.Options.Add(json);
        command.Options.Add(onError);
        command.SetAction(parseResult => Execute(
            streams,
            parseResult.GetValue(file)!,
            parseResult.GetValue(json),
            parseResult.GetValue(onError) == Stop ? ErrorPolicy.Stop : ErrorPolicy.Continue));
        return command;
    }

    private static int Execute(StandardStreams streams, string path, bool json, ErrorPolicy policy)
    {
        string text;
        try
        {
            text = InputText.Read(path == "-" ? null : new FileInfo(path), streams.In);
        }
        catch (InputException exception)
        {
            ErrorLine.Write(streams.Error, $"{exception.Field}: {exception.Message}");
            return ExitCodes.InputError;
        }

        var outcome = ScenarioRunner.Run(text, policy);
        if (json)
        {
            ScenarioJsonWriter.Write(outcome, streams.Out);
        }
        else
        {
            ScenarioTableWriter.Write(outcome, streams.Out, streams.Columns);
        }

        foreach (var error in outcome.Errors)
        {
            ErrorLine.Write(streams.Error, error.ToString());
        }

        foreach (var fault in outcome.Faults)
        {
            ErrorLine.Write(streams.Error, fault.ToString());
        }

        // A fault is Ringfence's defect, whatever the input: it outranks the input's own errors.
        return outcome.Faults.Count > 0 ? ExitCodes.InternalError
            : outcome.Errors.Count > 0 ? ExitCodes.InputError
            : ExitCodes.Success;
    }
}
