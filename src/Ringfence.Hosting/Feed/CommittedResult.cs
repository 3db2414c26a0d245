using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;

namespace Ringfence.Hosting.Feed;

/// <summary>One command of a committed batch, as the results feed publishes it: durable in the journal before anyone sees it.</summary>
/// <param name="Sequence">The command's journal sequence.</param>
/// <param name="Command">The command as the engine executed it.</param>
/// <param name="CommandText">The command's JSON exactly as it was submitted (the journal holds its binary form).</param>
/// <param name="Result">What the engine did: its events and postings, or one rejection; a repeated client id is marked duplicate.</param>
public sealed record CommittedResult(long Sequence, Command Command, string CommandText, ExecutionResult Result);
