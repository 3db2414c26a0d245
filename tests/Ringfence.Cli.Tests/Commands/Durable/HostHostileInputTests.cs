using System.Text.Json;
using Ringfence.Cli.Run;

namespace Ringfence.Cli.Tests.Commands.Durable;

/// <summary>
/// <c>ringfence host</c> answers every command line, however malformed, in order, and keeps serving (issue 9): one bad
/// line never costs the valid lines around it their replies or their journal entries.
/// </summary>
public sealed class HostHostileInputTests
{
    private const string CreateAlice = """{"type":"createAccount","account":"alice"}""";
    private const string Deposit = """{"type":"deposit","account":"alice","asset":"USDT","amount":"100"}""";

    public static TheoryData<string, string> HostileLines => new()
    {
        { """{"type":"deposit","account":"alice","asset":"USDT","amount":"1e-2147483648"}""", "amount: '1e-2147483648' has an exponent beyond ±100" },
        { """{"type":"deposit","account":"alice","asset":"\ud800","amount":"1"}""", "asset: the value is not valid text" },
        { """{"type":"deposit","account":"alice","\udc00":"USDT","amount":"1"}""", "input: a field name is not valid text" },
        { """{"type":"deposit","account":"alice","asset":"USDT","amount":"1""" + new string('0', 300_000) + "\"}", "is longer than the 64 characters a number may have" },
        { """{"type":"deposit","account":"\u001b[31malice","asset":"USDT","amount":"1"}""", @"'\u001b[31malice' is not an account id" },
    };

    [Theory]
    [MemberData(nameof(HostileLines))]
    public void A_hostile_line_gets_an_error_reply_and_the_valid_lines_around_it_are_journaled_and_answered(string hostile, string expected)
    {
        using var db = new DatabaseFile();

        var run = db.Host(string.Join('\n', CreateAlice, hostile, Deposit));

        Assert.True(run.ExitCode == 0, run.Error);
        var replies = Replies(run);
        Assert.Equal([1, 2, 3], replies.Select(r => r.GetProperty("line").GetInt32()));
        Assert.Equal(1, replies[0].GetProperty("seq").GetInt64());
        var error = replies[1].GetProperty("error").GetString()!;
        Assert.Contains(expected, error, StringComparison.Ordinal);
        Assert.True(error.Length < 300, $"an error reply of {error.Length} characters");
        Assert.Equal(2, replies[2].GetProperty("seq").GetInt64());
        Assert.DoesNotContain('\u001b', run.Out);
        Assert.DoesNotContain('\u001b', run.Error);
    }

    [Fact]
    public void Comment_lines_are_skipped_as_run_skips_them()
    {
        using var db = new DatabaseFile();

        var run = db.Host(string.Join('\n', "# a comment", CreateAlice, "  // another", Deposit));

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Equal([2, 4], Replies(run).Select(r => r.GetProperty("line").GetInt32()));
    }

    [Theory]
    [MemberData(nameof(ExampleScenarios))]
    public void Every_example_scenario_runs_through_the_host_without_a_line_error_to_the_state_run_reaches(string file)
    {
        using var db = new DatabaseFile();
        var text = File.ReadAllText(Repository.Scenario(file));

        var run = db.Host(text);

        Assert.True(run.ExitCode == 0, run.Error);
        var replies = Replies(run);
        Assert.Equal(text.Split('\n').Count(ScenarioLine.HoldsCommand), replies.Count);
        Assert.All(replies, r => Assert.False(r.TryGetProperty("error", out var e), $"line {r.GetProperty("line")}: {e}"));
        var hash = ScenarioRunner.Run(text, ErrorPolicy.Continue).State.Hash;
        Assert.Contains($"stopped at entry {replies.Count}, state hash {hash}", run.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void Two_cross_positions_under_external_liquidation_get_their_last_reply_and_the_host_exits()
    {
        // Issue 9, case 3: the last mark made the engine throw, and the host then waited forever.
        using var db = new DatabaseFile();

        var run = db.Host(Regressions.ExternalCrossLiquidation);

        Assert.True(run.ExitCode == 0, run.Error);
        var last = Replies(run)[^1];
        Assert.Equal(16, last.GetProperty("line").GetInt32());
        Assert.True(last.GetProperty("accepted").GetBoolean(), last.ToString());
    }

    [Fact]
    public void Replies_keep_apostrophes_and_plus_signs_readable()
    {
        using var db = new DatabaseFile();

        var run = db.Host("""{"type":"deposit","account":"o'brien","asset":"USDT","amount":"+1"}""");

        Assert.Contains("'o'brien' is not an account id", run.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(@"\u0027", run.Out, StringComparison.Ordinal);
    }

    public static TheoryData<string> ExampleScenarios() => [.. Repository.Scenarios().Select(p => Path.GetFileName(p))];

    private static List<JsonElement> Replies(CliRun run) =>
        run.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Select(l => JsonDocument.Parse(l).RootElement.Clone()).ToList();
}
