using System.Runtime.ExceptionServices;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Engine;

/// <summary>
/// A command refused by a rule is refused without an exception: the check returns its rejection as a value. Only the
/// safety nets (overflow, an invalid value a type refuses on construction, a defect) still arrive as exceptions.
/// </summary>
public sealed class RejectionsAreValuesProperties
{
    // Codes an exception may still produce: arithmetic overflow, a value type's own validation, a defect.
    private static readonly HashSet<string> ExceptionCodes = [RejectionCodes.Overflow, RejectionCodes.InvalidValue, RejectionCodes.InternalError];

    [ThreadStatic]
    private static int _thrownOnThisThread;

    static RejectionsAreValuesProperties() =>
        AppDomain.CurrentDomain.FirstChanceException += CountOnThisThread;

    [Fact]
    public void A_command_refused_by_a_rule_throws_nothing_on_the_way()
    {
        var rejections = 0;
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            var engine = new MarginEngine();
            foreach (var command in scenario.Commands)
            {
                _thrownOnThisThread = 0;
                var result = engine.Execute(command);
                if (result.Rejection is { } rejection && !ExceptionCodes.Contains(rejection.Code))
                {
                    rejections++;
                    Assert.True(_thrownOnThisThread == 0, $"{command} was rejected ({rejection.Code}: {rejection.Reason}) through {_thrownOnThisThread} exception(s)");
                }
            }
        });

        // Random commands are refused often (unknown ids, too little margin, …); if none was, nothing was checked.
        Assert.True(rejections > 0, "no command was refused by a rule");
    }

    private static void CountOnThisThread(object? sender, FirstChanceExceptionEventArgs e) => _thrownOnThisThread++;
}
