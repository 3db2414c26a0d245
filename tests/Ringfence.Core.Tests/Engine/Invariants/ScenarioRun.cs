using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>Runs commands on an engine one at a time, yielding each with the state before and after it.</summary>
internal static class ScenarioRun
{
    /// <summary>Lazily: when a step is yielded, the engine has executed exactly the commands up to and including it.</summary>
    public static IEnumerable<ExecutedCommand> Execute(MarginEngine engine, IEnumerable<Command> commands, int firstIndex = 0)
    {
        var before = new StateAt(engine.TakeSnapshot());
        var index = firstIndex;
        foreach (var command in commands)
        {
            var result = engine.Execute(command);
            var after = new StateAt(engine.TakeSnapshot());
            yield return new ExecutedCommand(index++, command, result, before, after, engine);
            before = after;
        }
    }

    /// <summary>Runs a whole scenario on a fresh engine.</summary>
    public static IEnumerable<ExecutedCommand> Execute(Scenario scenario) => Execute(new MarginEngine(), scenario.Commands);
}
