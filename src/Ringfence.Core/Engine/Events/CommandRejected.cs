namespace Ringfence.Core.Engine.Events;

/// <summary>The command was rejected and changed nothing.</summary>
/// <param name="Code">Stable machine-readable code (see <see cref="RejectionCodes"/>).</param>
/// <param name="Reason">What was wrong, in words, with the numbers involved.</param>
public sealed record CommandRejected(string Code, string Reason) : EngineEvent;
