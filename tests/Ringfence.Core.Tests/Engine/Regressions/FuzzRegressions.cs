using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Serialization;

namespace Ringfence.Core.Tests.Engine.Regressions;

/// <summary>
/// Scenarios that hostile testing or the fuzz suite once broke, minimised, each run through the engine from its JSON
/// lines: none may fault (<see cref="RejectionCodes.InternalError"/>), and money is conserved after every command.
/// </summary>
public sealed class FuzzRegressions
{
    /// <summary>
    /// Two cross positions under external liquidation (issue 9, case 3): bob's cross account is short, its EXTUSDT
    /// position gets a liquidation order; the next EXTUSDT mark finds it bankrupt beyond the fund and deleverages it,
    /// which used to look the position up again after it was gone (KeyNotFoundException 'bob/EXTUSDT/cross').
    /// </summary>
    [Fact]
    public void External_liquidation_of_a_cross_position_that_is_deleveraged_does_not_fault()
    {
        var results = Run(File.ReadAllLines(Path.Combine(AppContext.BaseDirectory, "Fuzz", "Corpus", "Regressions", "external-cross-liquidation.jsonl")));

        Assert.True(results[^1].Accepted, results[^1].Rejection?.Reason);
    }

    private static List<ExecutionResult> Run(params string[] lines)
    {
        var engine = new MarginEngine();
        var results = new List<ExecutionResult>();
        foreach (var line in lines)
        {
            var result = engine.Execute(CommandJson.Parse(line));
            Assert.False(result.Rejection?.Code == RejectionCodes.InternalError, $"{line} faulted: {result.Rejection?.Reason}");
            Assert.All(engine.Audit(), audit => Assert.True(audit.Balances, $"{line} broke conservation of {audit.Asset}"));
            results.Add(result);
        }

        Assert.Equal(0, engine.Faults);
        return results;
    }
}
