using System.CommandLine;
using System.Globalization;
using Ringfence.Cli.Bench;
using Spectre.Console;

namespace Ringfence.Cli.Commands.Bench;

/// <summary>
/// <c>ringfence bench liquidation [--positions N,N,…] [--runs R] [--crash-runs C] [--cross-limit L] [--build
/// snapshot|trades] [--budget S] [--json]</c>: builds books of N isolated positions in one instrument and times, with a
/// stopwatch, a mark update that liquidates nothing (through the liquidation index) against the full scan, crashes that
/// liquidate 1% and 10% of the positions, and the re-evaluation of N cross accounts (docs/performance.md).
/// </summary>
internal static class BenchLiquidationCommand
{
    /// <summary>The largest book accepted: memory, roughly 1.2 GB per million positions, is the limit.</summary>
    public const int MaxPositions = 10_000_000;

    /// <summary>
    /// The default budget of one measurement, seconds: room for every run up to 10⁵ positions and for the full scan at
    /// 10⁶ on two busy cores, while a crash at 10⁶, whose every run restores the book first (20–50 s), takes one.
    /// </summary>
    public const int DefaultBudgetSeconds = 30;

    private const string Snapshot = "snapshot";
    private const string Trades = "trades";

    /// <summary>Creates the command, bound to <paramref name="streams"/>.</summary>
    public static Command Create(StandardStreams streams)
    {
        var positions = new Option<string>("--positions")
        {
            Description = "Book sizes, comma-separated: one row each.",
            HelpName = "N[,N...]",
            DefaultValueFactory = _ => "10000,100000,1000000",
        };
        var runs = new Option<int>("--runs")
        {
            Description = "Runs of each repeatable measurement; the median is reported.",
            DefaultValueFactory = _ => 5,
        };
        var crashRuns = new Option<int>("--crash-runs")
        {
            Description = "Runs of each crash, each from a restored snapshot; the median is reported.",
            DefaultValueFactory = _ => 3,
        };
        var crossLimit = new Option<int>("--cross-limit")
        {
            Description = "Largest N whose cross re-evaluation is measured (on a second book, of N cross accounts); 0: none.",
            DefaultValueFactory = _ => 10_000,
        };
        var build = new Option<string>("--build")
        {
            Description = "Build each book from its snapshot (fast) or by executing every trade (O(N²)).",
            HelpName = "snapshot|trades",
            DefaultValueFactory = _ => Snapshot,
        };
        build.AcceptOnlyFromAmong(Snapshot, Trades);
        var budget = new Option<int>("--budget")
        {
            Description = "Seconds one measurement may take before it stops taking runs (at least one; the runs taken are reported). 0: every run.",
            HelpName = "SECONDS",
            DefaultValueFactory = _ => DefaultBudgetSeconds,
        };
        var json = new Option<bool>("--json")
        {
            Description = "Print one JSON object instead of the table (and no progress bars).",
        };

        var command = new Command("liquidation", "Time mark updates with and without the liquidation index, crashes and cross re-evaluation.");
        command.Options.Add(positions);
        command.Options.Add(runs);
        command.Options.Add(crashRuns);
        command.Options.Add(crossLimit);
        command.Options.Add(build);
        command.Options.Add(budget);
        command.Options.Add(json);
        command.SetAction(parseResult => Execute(
            streams,
            parseResult.GetValue(positions)!,
            parseResult.GetValue(runs),
            parseResult.GetValue(crashRuns),
            parseResult.GetValue(crossLimit),
            parseResult.GetValue(build) == Trades ? BookBuild.Trades : BookBuild.Snapshot,
            parseResult.GetValue(budget),
            parseResult.GetValue(json)));
        return command;
    }

    private static int Execute(StandardStreams streams, string positionsText, int runs, int crashRuns, int crossLimit, BookBuild build, int budgetSeconds, bool json)
    {
        if (!TryParsePositions(positionsText, out var positions, out var problem))
        {
            return Reject(streams, "--positions", problem);
        }

        if (runs is < 1 or > 1_000)
        {
            return Reject(streams, "--runs", $"must be from 1 to 1000, not {runs}");
        }

        if (crashRuns is < 1 or > 100)
        {
            return Reject(streams, "--crash-runs", $"must be from 1 to 100, not {crashRuns}");
        }

        if (crossLimit < 0)
        {
            return Reject(streams, "--cross-limit", $"must not be negative, not {crossLimit}");
        }

        if (budgetSeconds is < 0 or > 86_400)
        {
            return Reject(streams, "--budget", $"must be from 0 to 86400 seconds, not {budgetSeconds}");
        }

        var budget = budgetSeconds == 0 ? (TimeSpan?)null : TimeSpan.FromSeconds(budgetSeconds);
        var settings = new LiquidationBenchSettings(positions, runs, crashRuns, crossLimit, build, budget);
        var progressConsole = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(streams.Error) });
        var report = !json && progressConsole.Profile.Capabilities.Interactive && progressConsole.Profile.Capabilities.Ansi
            ? SpectreBenchProgress.Show(progressConsole, progress => LiquidationBenchmark.Run(settings, progress))
            : LiquidationBenchmark.Run(settings, IBenchProgress.None);

        if (json)
        {
            LiquidationBenchJsonWriter.Write(report, streams.Out);
        }
        else
        {
            LiquidationBenchTableWriter.Write(report, streams.Out, streams.Columns);
        }

        return ExitCodes.Success;
    }

    /// <summary>Parses <c>N[,N…]</c>: whole numbers from 1 to <see cref="MaxPositions"/>, '_' allowed as a digit separator.</summary>
    internal static bool TryParsePositions(string text, out IReadOnlyList<int> positions, out string problem)
    {
        var sizes = new List<int>();
        positions = sizes;
        problem = string.Empty;
        foreach (var part in text.Split(',', StringSplitOptions.TrimEntries))
        {
            var digits = part.Replace("_", string.Empty, StringComparison.Ordinal);
            if (digits.Length == 0 || !digits.All(char.IsAsciiDigit)
                || !int.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out var size) || size is < 1 or > MaxPositions)
            {
                problem = $"'{part}' is not a whole number from 1 to {MaxPositions.ToString("N0", CultureInfo.InvariantCulture)}";
                return false;
            }

            sizes.Add(size);
        }

        return true;
    }

    private static int Reject(StandardStreams streams, string option, string problem)
    {
        ErrorLine.Write(streams.Error, $"{option}: {problem}");
        return ExitCodes.InputError;
    }
}
