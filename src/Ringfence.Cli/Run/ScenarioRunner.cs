using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Serialization;

namespace Ringfence.Cli.Run;

/// <summary>
/// Runs a scenario file's commands, one per line, through a fresh <see cref="MarginEngine"/>. A line that
/// <see cref="CommandJson"/> cannot parse is a <see cref="LineError"/>; a command the engine refuses is not (its
/// <c>CommandRejected</c> event is part of the run). A command that makes the engine fault is rolled back and rejected
/// with <c>INTERNAL_ERROR</c> by the engine; it is also a <see cref="LineFault"/>, and under <see cref="ErrorPolicy.Stop"/>
/// the run stops after it.
/// </summary>
internal static class ScenarioRunner
{
    /// <summary>Runs every command line of <paramref name="text"/> under <paramref name="policy"/>.</summary>
    /// <param name="text">The scenario file's text.</param>
    /// <param name="policy">What to do after a line error or an engine fault.</param>
    /// <param name="podModel">How pods are margined; the engine's default when null.</param>
    public static ScenarioOutcome Run(string text, ErrorPolicy policy, Core.Pods.IPodMarginModel? podModel = null)
    {
        var engine = new MarginEngine(podModel);
        var events = new List<LineEvent>();
        var errors = new List<LineError>();
        var faults = new List<LineFault>();
        foreach (var line in ScenarioLine.Split(text))
        {
            Command command;
            try
            {
                command = CommandJson.Parse(line.Text);
            }
            catch (JsonInputException invalid)
            {
                errors.Add(new LineError(line.Number, invalid.Field, invalid.Problem));
                if (policy == ErrorPolicy.Stop)
                {
                    return new ScenarioOutcome(events, errors, engine.View(), line.Number, faults);
                }

                continue;
            }

            var result = engine.Execute(command);
            events.AddRange(result.Events.Select(e => new LineEvent(line.Number, e, result.Duplicate)));
            if (result.Rejection is { Code: RejectionCodes.InternalError } fault)
            {
                faults.Add(new LineFault(line.Number, fault.Reason));
                if (policy == ErrorPolicy.Stop)
                {
                    return new ScenarioOutcome(events, errors, engine.View(), line.Number, faults);
                }
            }
        }

        return new ScenarioOutcome(events, errors, engine.View(), null, faults);
    }
}
