using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Serialization;
using Ringfence.Tests.Fuzz;

namespace Ringfence.Core.Tests.Fuzz;

/// <summary>
/// Mutation fuzzing of the scenario format (deterministic seeds): valid lines of every command type, made hostile by
/// <see cref="LineMutator"/>, through <see cref="CommandJson"/> and the engine. No exception but a field error escapes
/// the parser, no input hangs, an error names a field in a short line without control characters, no command makes
/// the engine fault, a rejected one leaves the state hash unchanged, and money is conserved.
/// </summary>
public sealed class CommandParserFuzzTests
{
    /// <summary>A valid scenario touching every command type (it runs clean: the mutations make it hostile).</summary>
    internal static readonly string[] Corpus = File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus", "scenario-lines.jsonl"));

    [Fact]
    public void The_corpus_covers_every_command_type_and_runs_without_a_rejection()
    {
        Assert.Equal(CommandJson.Types.Order(StringComparer.Ordinal), Corpus.Select(TypeOf).Distinct().Order(StringComparer.Ordinal));
        var engine = new MarginEngine();
        foreach (var line in Corpus)
        {
            var result = engine.Execute(CommandJson.Parse(line));
            Assert.True(result.Accepted, $"{line}: {result.Rejection?.Code} {result.Rejection?.Reason}");
        }
    }

    [Fact]
    public void A_mutated_line_is_a_command_or_a_short_field_error_never_anything_else()
    {
        var cases = PropertyCases.Count * 40;
        var random = new Random(9);
        for (var i = 0; i < cases; i++)
        {
            var line = LineMutator.Mutate(Corpus[random.Next(Corpus.Length)], random, out var kind);
            var error = Deadline.Run(() => ParseError(line), line);
            if (error is null)
            {
                continue;
            }

            Assert.True(error.Field.Length > 0, $"{kind}: {Deadline.Shown(line)} gave an error without a field");
            Assert.True(error.Message.Length <= 600, $"{kind}: an error of {error.Message.Length} characters for {Deadline.Shown(line)}");
            Assert.False(error.Message.Any(char.IsControl), $"{kind}: a control character in '{error.Message}'");
        }
    }

    [Fact]
    public void Hostile_numbers_in_every_numeric_field_are_read_or_refused_at_once()
    {
        foreach (var line in Corpus)
        {
            foreach (var number in LineMutator.HostileNumbers)
            {
                foreach (var mutated in EveryNumberReplacedBy(line, number))
                {
                    Deadline.Run(() => ParseError(mutated), mutated);
                }
            }
        }
    }

    [Fact]
    public void Mutated_scenarios_never_make_the_engine_fault_and_a_rejected_command_changes_nothing()
    {
        var scenarios = Math.Max(20, PropertyCases.Count / 10);
        for (var seed = 0; seed < scenarios; seed++)
        {
            var random = new Random(seed);
            var engine = new MarginEngine();
            foreach (var valid in Corpus)
            {
                var line = random.Next(10) < 3 ? LineMutator.Mutate(valid, random, out _) : valid;
                if (ParseError(line) is not null)
                {
                    continue;
                }

                var before = engine.Hash();
                var result = Deadline.Run(() => engine.Execute(CommandJson.Parse(line)), line);
                var context = $"seed {seed}: {Deadline.Shown(line)}";
                Assert.False(result.Rejection?.Code == RejectionCodes.InternalError, $"{context} made the engine fault: {result.Rejection?.Reason}");
                if (!result.Accepted)
                {
                    Assert.True(before == engine.Hash(), $"{context} was rejected ({result.Rejection!.Code}) but changed the state");
                }

                Assert.All(engine.Audit(), audit => Assert.True(audit.Balances, $"{context} broke conservation of {audit.Asset}"));
            }

            Assert.Equal(0, engine.Faults);
        }
    }

    /// <summary>Null when <paramref name="line"/> parses; its field error otherwise. Any other exception fails the test.</summary>
    internal static JsonInputException? ParseError(string line)
    {
        try
        {
            CommandJson.Parse(line);
            return null;
        }
        catch (JsonInputException error)
        {
            return error;
        }
    }

    private static string TypeOf(string line) => System.Text.Json.JsonDocument.Parse(line).RootElement.GetProperty("type").GetString()!;

    private static IEnumerable<string> EveryNumberReplacedBy(string line, string number)
    {
        var values = System.Text.RegularExpressions.Regex.Matches(line, ":\"(?<n>-?[0-9][0-9.]*)\"");
        foreach (System.Text.RegularExpressions.Match value in values)
        {
            var digits = value.Groups["n"];
            yield return string.Concat(line.AsSpan(0, digits.Index), number, line.AsSpan(digits.Index + digits.Length));
        }
    }
}
