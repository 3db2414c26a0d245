using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;

namespace Ringfence.Core.Engine;

/// <summary>What one command did: its events (or one <see cref="CommandRejected"/>) and its ledger postings.</summary>
/// <param name="Accepted">False when the command was rejected and changed nothing.</param>
/// <param name="Events">The events, in order; a rejection has exactly one.</param>
/// <param name="Postings">Every balance change the command made, in order (none for a rejection).</param>
/// <param name="Duplicate">True when a repeated client id returned the first outcome again.</param>
public sealed record ExecutionResult(bool Accepted, IReadOnlyList<EngineEvent> Events, IReadOnlyList<Posting> Postings, bool Duplicate = false)
{
    /// <summary>The rejection, when the command was rejected.</summary>
    public CommandRejected? Rejection => Accepted ? null : (CommandRejected)Events[0];
}
