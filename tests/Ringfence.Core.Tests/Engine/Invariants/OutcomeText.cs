using Ringfence.Core.Engine;
using Ringfence.Core.Serialization;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>An outcome as text that compares exactly: acceptance, each event's JSON, and each posting.</summary>
internal static class OutcomeText
{
    public static string Of(ExecutionResult result) =>
        $"{(result.Accepted ? "accepted" : "rejected")}{(result.Duplicate ? " (duplicate)" : string.Empty)}\n"
        + string.Concat(result.Events.Select(e => EventJson.ToJson(e).ToJsonString() + "\n"))
        + string.Concat(result.Postings.Select(p => $"  {p.From?.ToString() ?? "outside"} → {p.To?.ToString() ?? "outside"}: {p.Amount}\n"));
}
