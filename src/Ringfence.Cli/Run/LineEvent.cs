using Ringfence.Core.Engine.Events;

namespace Ringfence.Cli.Run;

/// <summary>An event of the command on one scenario line.</summary>
/// <param name="Line">1-based line number of the command.</param>
/// <param name="Event">The event (a <see cref="CommandRejected"/> when the engine refused the command).</param>
/// <param name="Duplicate">True when the command repeated an earlier id: the event is the first outcome's, and nothing changed.</param>
internal sealed record LineEvent(int Line, EngineEvent Event, bool Duplicate);
