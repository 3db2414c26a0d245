using Ringfence.Core.Engine;
using Ringfence.Core.Ledger;
using Ringfence.Core.Numerics;

namespace Ringfence.Storage.Snapshots.Json;

/// <summary>
/// A remembered outcome both ways: the client id, whether the command was accepted (and whether it was itself a
/// duplicate), its events through <see cref="EventMapping"/> and its ledger postings. Outcomes are answered again to a
/// repeated client id and are part of the state hash, so they must come back exactly.
/// </summary>
internal static class OutcomeMapping
{
    public static void Write(SnapshotWriter w, KeyValuePair<string, ExecutionResult> outcome)
    {
        var (id, result) = outcome;
        w.Text("clientId", id)
            .Flag("accepted", result.Accepted)
            .FlagIfSet("duplicate", result.Duplicate)
            .Array("events", result.Events, EventMapping.Write)
            .Array("postings", result.Postings, static (w, p) => w.OptionalLedger("from", p.From).OptionalLedger("to", p.To).Number("amount", p.Amount));
    }

    public static KeyValuePair<string, ExecutionResult> Read(SnapshotElement r) => new(
        r.Text("clientId"),
        new ExecutionResult(
            r.Flag("accepted"),
            r.Array("events", EventMapping.Read),
            r.Array("postings", static p => new Posting(p.OptionalLedger("from"), p.OptionalLedger("to"), p.Number<Money>("amount"))),
            r.OptionalFlag("duplicate") ?? false));
}
