using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>
/// Maximum loss: an isolated position can lose only the collateral that was put into it — its allocation, margin its
/// owner added, auto top-ups and its realized gains — and that collateral can leave only to the owner's free balance,
/// the instrument's clearing account (realized losses), its funding pool (funding), the owner's pod (a move), or, when
/// the position is liquidated, the instrument's insurance fund (the liquidation fee and the forfeited rest: part of
/// what was put in, never more).
/// </summary>
public sealed class MaximumLossProperties
{
    [Fact]
    public void An_isolated_position_never_loses_more_than_was_put_into_it() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            var flows = new Dictionary<LedgerAccount, MarginFlows>();
            foreach (var step in ScenarioRun.Execute(scenario).Where(s => s.Result.Accepted && !s.Result.Duplicate))
            {
                var liquidated = step.Result.Events.OfType<PositionLiquidated>()
                    .Where(e => e.Scope.Kind == MarginScopeKind.Isolated && (e.Fee + e.Forfeited).IsPositive)
                    .Select(e => LedgerAccount.PositionMargin(new PositionKey(e.Account, e.Symbol, e.Scope), step.After.Markets.Single(m => m.Symbol == e.Symbol).SettleAsset))
                    .ToHashSet();
                foreach (var posting in step.Result.Postings)
                {
                    if (posting.To is { Kind: LedgerAccountKind.PositionMargin } into)
                    {
                        flows[into] = flows.GetValueOrDefault(into, MarginFlows.None) with { In = flows.GetValueOrDefault(into, MarginFlows.None).In + posting.Amount };
                    }

                    if (posting.From is { Kind: LedgerAccountKind.PositionMargin } from)
                    {
                        var (owner, symbol) = OwnerAndSymbol(from);
                        var to = posting.To!.Value;
                        var returned = to.Kind == LedgerAccountKind.Free && to.Owner == owner;
                        Assert.True(
                            returned
                            || (to.Kind is LedgerAccountKind.Clearing or LedgerAccountKind.FundingPool && to.Owner == symbol)
                            || (to.Kind == LedgerAccountKind.PodMargin && to.Owner.StartsWith(owner + "/", StringComparison.Ordinal))
                            || (to.Kind == LedgerAccountKind.InsuranceFund && to.Owner == symbol && liquidated.Contains(from)),
                            $"{step.Describe()} moved {posting.Amount} out of {from} to {to}");
                        var before = flows.GetValueOrDefault(from, MarginFlows.None);
                        flows[from] = returned ? before with { Returned = before.Returned + posting.Amount } : before with { Lost = before.Lost + posting.Amount };
                    }
                }

                var balances = step.After.Balances.ToDictionary(b => b.Key, b => b.Value);
                foreach (var (account, flow) in flows)
                {
                    var balance = balances.GetValueOrDefault(account);
                    Assert.True(flow.Lost <= flow.In, $"after {step.Describe()}: {account} lost {flow.Lost}, more than the {flow.In} put into it");
                    Assert.True(flow.In - flow.Lost - flow.Returned == balance,
                        $"after {step.Describe()}: {account} holds {balance}, not {flow.In} in − {flow.Lost} lost − {flow.Returned} returned");
                }

                // A position's life ends when it closes or moves to a pod; a new one in the same account starts afresh.
                var open = step.After.Positions.Select(p => p.Key.ToString()).ToHashSet(StringComparer.Ordinal);
                foreach (var ended in flows.Keys.Where(a => !open.Contains(a.Owner)).ToList())
                {
                    flows.Remove(ended);
                }
            }
        });

    [Fact]
    public void A_closed_or_moved_isolated_position_leaves_nothing_in_its_margin_account() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario))
            {
                var open = step.After.Positions.Where(p => p.Key.Scope.Kind == MarginScopeKind.Isolated).Select(p => p.Key.ToString()).ToHashSet(StringComparer.Ordinal);
                foreach (var (account, balance) in step.After.Balances.Where(b => b.Key.Kind == LedgerAccountKind.PositionMargin))
                {
                    Assert.True(open.Contains(account.Owner), $"after {step.Describe()}: {account} holds {balance} with no open position");
                }
            }
        });

    private static (string Owner, string Symbol) OwnerAndSymbol(LedgerAccount positionMargin)
    {
        var parts = positionMargin.Owner.Split('/');
        return (parts[0], parts[1]);
    }

    /// <summary>What entered an isolated position's margin account, what it lost, and what went back to its owner.</summary>
    private sealed record MarginFlows(Money In, Money Lost, Money Returned)
    {
        public static MarginFlows None { get; } = new(Money.Zero, Money.Zero, Money.Zero);
    }
}
