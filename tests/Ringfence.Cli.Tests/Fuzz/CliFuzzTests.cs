using System.Text.Json;
using System.Text.Json.Nodes;
using Ringfence.Cli.Run;
using Ringfence.Cli.Tests.Commands.Durable;
using Ringfence.Tests.Fuzz;

namespace Ringfence.Cli.Tests.Fuzz;

/// <summary>
/// Mutation fuzzing of the three commands that read untrusted input — <c>calc position</c>, <c>run</c> and
/// <c>host</c> — with deterministic seeds: no internal error escapes (exit 1), no input hangs, every error is one short
/// line without control characters, and <c>host</c> answers every command line and reaches the state <c>run</c> does.
/// </summary>
public sealed class CliFuzzTests
{
    private static readonly string[] Corpus = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus", "scenario-lines.jsonl"));

    /// <summary>The calculator's examples (one line each), the README's, and the OKX fee limit of issue 9.</summary>
    private static readonly string[] CalcCorpus =
    [
        .. Directory.GetFiles(Path.Combine(Repository.Root, "examples", "calc"), "*.json").Order(StringComparer.Ordinal)
            .Select(f => JsonNode.Parse(File.ReadAllText(f))!.ToJsonString()),
        """{"profile":"binance","contract":"linear","side":"short","quantity":"0.005","entryPrice":"9451.53","margin":"9.89","mmr":"0.004","tickSize":"0.01"}""",
        """{"profile":"okx","contract":"linear","side":"long","quantity":"1","entryPrice":"20000","leverage":"1","mmr":"0.005","takerFee":"0.995"}""",
        """{"profile":"bybit-uta","contract":"linear","side":"long","quantity":"1","entryPrice":"40000","leverage":"50","extraMargin":"3000","mmr":"0.005","takerFee":"0.00055"}""",
    ];

    [Fact]
    public void Calc_position_answers_every_mutated_input_with_a_report_or_one_field_error()
    {
        var random = new Random(15);
        foreach (var valid in CalcCorpus)
        {
            AssertCalcAnswers(valid, "as given");
        }

        for (var i = 0; i < 400; i++)
        {
            var input = LineMutator.Mutate(CalcCorpus[random.Next(CalcCorpus.Length)], random, out var kind);
            AssertCalcAnswers(input, kind);
        }
    }

    [Fact]
    public void Run_reports_mutated_scenarios_with_line_errors_and_never_an_internal_error_or_a_fault()
    {
        for (var seed = 0; seed < 8; seed++)
        {
            var text = MutatedScenario(seed);
            using var file = ScenarioFile.WithText(text);

            var run = Deadline.Run(() => CliRun.Of(string.Empty, "run", file.Path, "--json"), $"seed {seed}");

            Assert.True(run.ExitCode is 0 or 2, $"seed {seed}: exit {run.ExitCode}: {run.Error}");
            using var output = JsonDocument.Parse(run.Out);
            Assert.Empty(output.RootElement.GetProperty("faults").EnumerateArray());
            foreach (var audit in output.RootElement.GetProperty("state").GetProperty("audit").EnumerateObject())
            {
                Assert.True(audit.Value.GetProperty("balanced").GetBoolean(), $"seed {seed}: {audit.Name} does not balance");
            }

            AssertErrorLines(run, $"seed {seed}");
        }
    }

    [Fact]
    public void Host_answers_every_line_of_mutated_scenarios_in_order_and_reaches_the_state_run_reaches()
    {
        using var db = new DatabaseFile();
        var text = string.Join('\n', MutatedScenario(100), MutatedScenario(101));
        var commandLines = text.Split('\n').Select((line, i) => (Line: line, Number: i + 1)).Where(l => ScenarioLine.HoldsCommand(l.Line)).ToList();

        var run = Deadline.Run(() => db.Host(text), "two mutated scenarios");

        Assert.True(run.ExitCode == 0, run.Error);
        var replies = run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
        Assert.Equal(commandLines.Select(l => l.Number), replies.Select(r => r.GetProperty("line").GetInt32()));
        Assert.DoesNotContain(replies, r => r.TryGetProperty("error", out var e) && e.GetString()!.StartsWith("internal", StringComparison.Ordinal));
        Assert.DoesNotContain(replies, r => r.TryGetProperty("events", out var events) && events.EnumerateArray().Any(e => e.GetProperty("type").GetString() == "CommandRejected" && e.GetProperty("code").GetString() == "INTERNAL_ERROR"));
        var hash = ScenarioRunner.Run(text, ErrorPolicy.Continue).State.Hash;
        Assert.Contains($"state hash {hash}", run.Error, StringComparison.Ordinal);
    }

    /// <summary>The corpus with about a quarter of its lines mutated, the choice and mutations drawn from <paramref name="seed"/>.</summary>
    private static string MutatedScenario(int seed)
    {
        var random = new Random(seed);
        return string.Join('\n', Corpus.Select(line => random.Next(4) == 0 ? LineMutator.Mutate(line, random, out _) : line)
            .Select(line => line.ReplaceLineEndings(" ")));
    }

    private static void AssertCalcAnswers(string input, string kind)
    {
        var run = Deadline.Run(() => CliRun.Of(input, "calc", "position"), input);
        var context = $"{kind}: {Deadline.Shown(input)}";
        Assert.True(run.ExitCode is 0 or 2, $"{context}: exit {run.ExitCode}: {run.Error}");
        if (run.ExitCode == 0)
        {
            Assert.NotEmpty(run.Out);
            return;
        }

        Assert.Equal(string.Empty, run.Out);
        Assert.Single(run.ErrorLines);
        AssertErrorLines(run, context);
    }

    private static void AssertErrorLines(CliRun run, string context)
    {
        foreach (var line in run.ErrorLines)
        {
            Assert.StartsWith("error: ", line, StringComparison.Ordinal);
            Assert.DoesNotContain("internal", line, StringComparison.Ordinal);
            Assert.True(line.Length <= 600, $"{context}: an error line of {line.Length} characters");
            Assert.False(line.Any(char.IsControl), $"{context}: a control character in '{line}'");
        }
    }
}
