using Ringfence.Core.Engine;

namespace Ringfence.Hosting;

/// <summary>
/// The outcome of a submitted command, given only once the command is durable in the journal.
/// </summary>
/// <param name="Sequence">The command's journal sequence.</param>
/// <param name="ClientId">The command's client id (<c>id</c>), if it had one.</param>
/// <param name="Result">What the engine did: accepted events and postings, or one rejection; a repeated client id returns the first outcome marked duplicate.</param>
public sealed record Acknowledgement(long Sequence, string? ClientId, ExecutionResult Result);
