using System.CommandLine;

namespace Ringfence.Cli.Commands.Calc;

/// <summary><c>ringfence calc</c>: stateless calculators over one JSON input.</summary>
internal static class CalcCommand
{
    /// <summary>Creates the command with its subcommands.</summary>
    public static Command Create(StandardStreams streams)
    {
        var calc = new Command("calc", "Stateless margin calculators.");
        calc.Subcommands.Add(CalcPositionCommand.Create(streams));
        return calc;
    }
}
