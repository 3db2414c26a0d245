using System.Reflection;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Core.Serialization;
using Ringfence.Core.Serialization.Wire;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Serialization.Wire;

public sealed class CommandWriterTests
{
    private static readonly Type[] CommandTypes = typeof(Command).Assembly.GetTypes()
        .Where(t => typeof(Command).IsAssignableFrom(t) && !t.IsAbstract)
        .OrderBy(t => t.Name, StringComparer.Ordinal)
        .ToArray();

    [Fact]
    public void Every_command_type_declares_its_wire_type_and_the_parser_knows_exactly_those()
    {
        var declared = CommandTypes.Select(t => t.GetCustomAttribute<WireTypeAttribute>()?.Name ?? $"<{t.Name} has none>").ToList();

        Assert.Equal(CommandJson.Types.Order(StringComparer.Ordinal), declared.Order(StringComparer.Ordinal));
        Assert.Equal(declared.Count, declared.Distinct().Count());
    }

    [Fact]
    public void A_command_is_written_in_the_scenario_format_with_type_first_and_time_and_id_last()
    {
        var deposit = new Deposit(AccountId.Create("alice"), Asset.Create("USDT"), Money.Parse("1000.5"))
        {
            Time = new DateTimeOffset(2026, 11, 21, 8, 0, 0, TimeSpan.FromHours(1)),
            ClientId = "dep-1",
        };
        var trade = new Trade("BTCUSDT", Price.Parse("50000"), Quantity.Parse("0.001"),
            new TradeSide(AccountId.Create("alice"), MarginScope.Isolated, Leverage.Parse("10")),
            new TradeSide(AccountId.Create("mm"), MarginScope.InPod("hedge")), TradeAggressor.Seller);

        Assert.Equal(
            """{"type":"deposit","account":"alice","asset":"USDT","amount":"1000.5","time":"2026-11-21T07:00:00.0000000Z","id":"dep-1"}""",
            CommandWriter.Write(deposit));
        Assert.Equal(
            """{"type":"trade","symbol":"BTCUSDT","price":"50000","quantity":"0.001","buyer":{"account":"alice","scope":"isolated","leverage":"10"},"seller":{"account":"mm","scope":"pod:hedge"},"aggressor":"seller"}""",
            CommandWriter.Write(trade));
    }

    [Fact]
    public void Every_line_of_every_example_scenario_is_read_back_from_its_written_form_as_the_same_command()
    {
        var lines = Directory.GetFiles(Path.Combine(RepositoryRoot(), "examples", "scenarios"), "*.jsonl")
            .SelectMany(File.ReadLines)
            .Where(line => line.TrimStart().StartsWith('{'))
            .ToList();
        Assert.NotEmpty(lines);
        foreach (var line in lines)
        {
            AssertRoundTrip(CommandJson.Parse(line));
        }
    }

    [Fact]
    public void Random_commands_are_read_back_from_their_written_form_as_the_same_commands_and_run_the_same() =>
        PropertyCases.Verify(RandomScenarios.ExternalScenarios, scenario =>
        {
            var original = new MarginEngine();
            var written = new MarginEngine();
            foreach (var command in scenario.Commands)
            {
                var expected = original.Execute(command);
                var text = CommandWriter.Write(command);
                Command back;
                try
                {
                    back = AssertRoundTrip(command);
                }
                catch (JsonInputException refused)
                {
                    // The parser checks some things before the engine does (a profile's name, an id's shape): it may
                    // refuse a line, but only one the engine would reject too. A rejection changes nothing, so the
                    // engine that never saw it stays in step. (A repeated client id is answered with its first outcome
                    // whatever the repeat holds, and changes nothing either.)
                    Assert.False(expected.Accepted && !expected.Duplicate, $"the parser refused {text} ({refused.Message}), which the engine accepts");
                    continue;
                }

                var actual = written.Execute(back);
                Assert.Equal(expected.Events, actual.Events);
                Assert.Equal(expected.Postings, actual.Postings);
            }

            Assert.Equal(original.Hash(), written.Hash());
        });

    [Fact]
    public void A_command_type_without_a_wire_type_is_refused_by_name()
    {
        var error = Assert.Throws<ArgumentException>(() => CommandWriter.Write(new Unlisted()));

        Assert.Contains("Unlisted declares no [WireType]", error.Message, StringComparison.Ordinal);
    }

    /// <summary>Writes, reads back and writes again: the same text, and (but for a listing's reference-typed terms) the same record.</summary>
    private static Command AssertRoundTrip(Command command)
    {
        var text = CommandWriter.Write(command);
        var back = CommandJson.Parse(text);
        Assert.Equal(text, CommandWriter.Write(back));
        if (command is not ListInstrument)
        {
            Assert.Equal(command, back);
        }

        return back;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !Directory.Exists(Path.Combine(directory.FullName, "examples")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new DirectoryNotFoundException("no examples/ above the test binaries");
    }

    private sealed record Unlisted : Command;
}
