using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>
/// One command of a run: what it was, what the engine answered, and the state before and after. <see cref="Engine"/> is
/// the live engine, still in the after state while the step is being inspected.
/// </summary>
internal sealed class ExecutedCommand(int index, Command command, ExecutionResult result, StateAt before, StateAt after, MarginEngine engine)
{
    public int Index => index;

    public Command Command => command;

    public ExecutionResult Result => result;

    public EngineSnapshot Before => before.Snapshot;

    public EngineSnapshot After => after.Snapshot;

    /// <summary>The state hash before the command (computed when first asked: hashing every state would be slow).</summary>
    public string HashBefore => before.Hash;

    public string HashAfter => after.Hash;

    public MarginEngine Engine => engine;

    /// <summary>Names the step in a failure message.</summary>
    public string Describe() => $"#{Index} {Command} → {(Result.Accepted ? "accepted" : Result.Rejection!.Code)}";
}
