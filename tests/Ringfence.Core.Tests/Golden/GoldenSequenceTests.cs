using System.Text;
using System.Text.Json.Nodes;
using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Engine;
using Ringfence.Core.Serialization;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Golden;

/// <summary>
/// Thousand-command random sequences, drawn from fixed seeds, and every answer the engine gave them: each command's
/// verdict, events and ledger postings, then the final audit and state hash. Any change to the engine must reproduce
/// them exactly; a deliberate change of behaviour records them anew (see <see cref="GoldenFile"/>). The sequences are
/// drawn by the random-command generator, so a change of the generator draws other sequences and they are recorded
/// anew too — only at a commit whose engine passes the old ones (the generator gained index prices, funding samples
/// and settlements after commit 69cf8aa, whose engine reproduced the earlier fixtures).
/// </summary>
public sealed class GoldenSequenceTests
{
    private const int Commands = 1_000;

    [Theory]
    [InlineData(1UL, false)]
    [InlineData(2UL, false)]
    [InlineData(3UL, true)]
    public void A_thousand_random_commands_give_the_recorded_events_postings_and_hash(ulong seed, bool external)
    {
        var scenario = RandomScenarios.Long(Commands, external).Sample(1, new Rnd(seed, 7UL), 20).First();

        GoldenFile.Verify($"sequence-{seed}.jsonl", Record(scenario));
    }

    /// <summary>One JSON line a command — index, verdict, events, postings — then one with the audit and the hash.</summary>
    internal static string Record(Scenario scenario)
    {
        var engine = new MarginEngine();
        var text = new StringBuilder();
        var commands = scenario.Commands;
        for (var i = 0; i < commands.Count; i++)
        {
            var result = engine.Execute(commands[i]);
            var line = new JsonObject
            {
                ["i"] = i,
                ["command"] = commands[i].GetType().Name,
                ["accepted"] = result.Accepted,
                ["duplicate"] = result.Duplicate,
                ["events"] = new JsonArray(result.Events.Select(e => (JsonNode)EventJson.ToJson(e)).ToArray()),
                ["postings"] = new JsonArray(result.Postings.Select(p => (JsonNode)JsonValue.Create($"{p.From} > {p.To}: {p.Amount}")!).ToArray()),
            };
            text.Append(line.ToJsonString()).Append('\n');
        }

        var end = new JsonObject
        {
            ["audit"] = new JsonArray(engine.Audit().Select(a => (JsonNode)JsonValue.Create($"{a.Asset}: deposits {a.Deposits}, withdrawals {a.Withdrawals}, ledger {a.LedgerTotal}")!).ToArray()),
            ["hash"] = engine.Hash(),
        };
        return text.Append(end.ToJsonString()).Append('\n').ToString();
    }
}
