using System.CommandLine;
using Ringfence.Cli.Calc;
using Ringfence.Core.Serialization;

namespace Ringfence.Cli.Commands.Calc;

/// <summary>
/// <c>ringfence calc position [--input FILE] [--json]</c>: reads one position as JSON and prints its margin figures.
/// </summary>
internal static class CalcPositionCommand
{
    /// <summary>Creates the command, bound to <paramref name="streams"/>.</summary>
    public static Command Create(StandardStreams streams)
    {
        var input = new Option<FileInfo?>("--input")
        {
            Description = "JSON file holding one position object; standard input when omitted.",
            HelpName = "FILE",
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object instead of a table.",
        };
        var command = new Command(
            "position",
            "Margin, liquidation and bankruptcy prices, margin ratio and limits of one isolated position (see docs/cli.md).");
        command.Options.Add(input);
        command.Options.Add(json);
        command.SetAction(parseResult => Execute(streams, parseResult.GetValue(input), parseResult.GetValue(json)));
        return command;
    }

    private static int Execute(StandardStreams streams, FileInfo? inputFile, bool json)
    {
        PositionReport report;
        try
        {
            var text = InputText.Read(inputFile, streams.In);
            var request = PositionRequestReader.Read(text);
            report = PositionCalculator.Calculate(request);
        }
        catch (InputException exception)
        {
            ErrorLine.Write(streams.Error, $"{exception.Field}: {exception.Message}");
            return ExitCodes.InputError;
        }
        catch (JsonInputException exception)
        {
            ErrorLine.Write(streams.Error, $"{exception.Field}: {exception.Problem}");
            return ExitCodes.InputError;
        }

        if (json)
        {
            PositionReportJsonWriter.Write(report, streams.Out);
        }
        else
        {
            PositionReportTableWriter.Write(report, streams.Out, streams.Columns);
        }

        return ExitCodes.Success;
    }
}
