using Ringfence.Core.Engine.Views;

namespace Ringfence.Cli.Run;

/// <summary>What a scenario run produced.</summary>
/// <param name="Events">Every event, in order, with the line of its command.</param>
/// <param name="Errors">The lines that were not valid commands, in order.</param>
/// <param name="State">The engine's state after the last command run.</param>
/// <param name="StoppedAtLine">The line the run stopped at under <see cref="ErrorPolicy.Stop"/>; null when it ran to the end.</param>
/// <param name="Faults">The lines whose command made the engine fault (rejected with <c>INTERNAL_ERROR</c>), in order.</param>
internal sealed record ScenarioOutcome(IReadOnlyList<LineEvent> Events, IReadOnlyList<LineError> Errors, EngineView State, int? StoppedAtLine, IReadOnlyList<LineFault> Faults);
