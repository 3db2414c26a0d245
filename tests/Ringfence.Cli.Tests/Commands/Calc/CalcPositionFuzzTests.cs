using System.Text.Json;
using static Ringfence.Cli.Tests.PositionInput;

namespace Ringfence.Cli.Tests.Commands.Calc;

/// <summary>
/// Random <c>calc position</c> inputs from a fixed seed: valid documents with each field changed, with probability 1/4, to an edge value
/// (zero, negatives, the ends of the fixed-point range, rates near 1, huge and tiny sizes, wrong types, every profile).
/// Whatever the input, the run ends in a report (exit 0) or one clean field error (exit 2), never an internal error.
/// </summary>
public sealed class CalcPositionFuzzTests
{
    private const int Runs = 5_000;

    /// <summary>Values each field may be changed to, raw JSON; null removes the field.</summary>
    private static readonly Dictionary<string, string?[]> Values = new()
    {
        ["profile"] = ["\"ringfence\"", "\"binance\"", "\"bybit\"", "\"bybit-uta\"", "\"okx\"", "\"hyperliquid\"", "\"dydx\"", "\"nope\"", "3"],
        ["contract"] = ["\"linear\"", "\"inverse\""],
        ["side"] = ["\"long\"", "\"short\""],
        ["quantity"] = [.. Amounts, null],
        ["entryPrice"] = [.. Amounts, null],
        ["markPrice"] = [.. Amounts, null],
        ["leverage"] = ["\"1\"", "\"0.5\"", "\"1.00000001\"", "\"125\"", "\"100000\"", "\"92233720368.54775807\"", "\"0.00000001\"", "\"0\"", null],
        ["margin"] = [.. Amounts, null],
        ["extraMargin"] = [.. Amounts, "\"-92233720368.54775807\"", "\"-10\"", null],
        ["fundingPaid"] = [.. Amounts, "\"-92233720368.54775807\"", "\"-10\"", null],
        ["takerFee"] = [.. Rates, null],
        ["contractSize"] = [.. Amounts, null],
        ["tickSize"] = [.. Amounts, null],
        ["lotSize"] = [.. Amounts, null],
        ["mmr"] = [.. Rates, null],
        ["maintenanceAmount"] = [.. Amounts, null],
        ["maxLeverage"] = ["\"1\"", "\"0.5\"", "\"20\"", "\"92233720368.54775807\"", "\"0.00000001\"", null],
        ["tiers"] = [.. Tables, null],
    };

    private static string[] Amounts =>
    [
        "\"0\"", "\"0.00000001\"", "\"0.001\"", "\"1\"", "\"10\"", "\"100\"", "\"9451.53\"", "\"1000000\"", "\"90000000000\"",
        "\"92233720368.54775807\"", "\"-1\"", "\"1e3\"", "\"abc\"", "true",
    ];

    private static string[] Rates =>
    [
        "\"0\"", "\"0.00000001\"", "\"0.00055\"", "\"0.005\"", "\"0.5\"", "\"0.995\"", "\"0.99999999\"", "\"1\"", "\"-0.01\"", "\"2\"",
    ];

    private static string[] Tables =>
    [
        """[ { "cap": "1000", "mmr": "0.01" }, { "mmr": "0.02" } ]""",
        """[ { "cap": "1000", "mmr": "0.5", "maxLeverage": "2" }, { "mmr": "0.99999999", "maxLeverage": "1" } ]""",
        """[ { "cap": "0.00000001", "mmr": "0.9" }, { "mmr": "0.995" } ]""",
        """[ { "cap": "92233720368.54775807", "mmr": "0.01", "maintenanceAmount": "92233720368.54775807" }, { "mmr": "0.02" } ]""",
        """[ { "maxLeverage": "40" } ]""",
        """[ { "cap": "50", "mmr": "0.01" } ]""",
        """[]""",
    ];

    [Fact]
    public void Every_input_ends_in_a_report_or_one_field_error_never_an_internal_error()
    {
        var random = new Random(20_260_901);
        var names = Values.Keys.ToArray();
        var outcomes = new int[3];
        var failures = new List<string>();
        for (var run = 0; run < Runs; run++)
        {
            // Each field changed with probability 1/4: about four changes a run, and pairs of fields often change together.
            var changes = names
                .Where(_ => random.Next(4) == 0)
                .Select(name => (name, Values[name][random.Next(Values[name].Length)]))
                .ToArray();
            var json = With(changes);
            var result = CliRun.Of(json, "calc", "position", "--json");
            if (Problem(result) is { } problem)
            {
                failures.Add($"{problem} on {json}");
                continue;
            }

            outcomes[result.ExitCode]++;
        }

        // Every failure listed at once: each is its own missing validation.
        Assert.True(failures.Count == 0, $"{failures.Count} of {Runs} runs failed:\n{string.Join('\n', failures.Take(20))}");

        // The generator reaches both outcomes often enough for the check to mean something.
        Assert.True(outcomes[0] > Runs / 10 && outcomes[2] > Runs / 10, $"reports {outcomes[0]}, errors {outcomes[2]} of {Runs}");
    }

    /// <summary>What is wrong with one run's result, or null: exit 0 with one JSON object, or exit 2 with one field error.</summary>
    private static string? Problem(CliRun result)
    {
        switch (result.ExitCode)
        {
            case 0 when result.Error.Length == 0:
                using (var report = JsonDocument.Parse(result.Out))
                {
                    return report.RootElement.ValueKind == JsonValueKind.Object ? null : "exit 0 without a JSON object";
                }

            case 2 when result.Out.Length == 0 && result.ErrorLines is [var line]
                && System.Text.RegularExpressions.Regex.IsMatch(line, "^error: [A-Za-z]+(\\[\\d+\\]\\.[A-Za-z]+)?: "):
                return null;

            default:
                return $"exit {result.ExitCode}: {result.Error.Trim()}";
        }
    }
}
