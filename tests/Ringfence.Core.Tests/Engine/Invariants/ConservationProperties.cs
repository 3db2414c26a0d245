using Ringfence.Core.Ledger;
using Ringfence.Core.Numerics;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>Conservation: money enters and leaves only by deposits and withdrawals, and every move is a posting.</summary>
public sealed class ConservationProperties
{
    [Fact]
    public void Every_asset_holds_exactly_its_deposits_less_withdrawals_after_every_command() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario))
            {
                foreach (var audit in step.Engine.Audit())
                {
                    Assert.True(audit.Balances,
                        $"after {step.Describe()}: {audit.Asset} ledger total {audit.LedgerTotal} ≠ deposits {audit.Deposits} − withdrawals {audit.Withdrawals}");
                }
            }
        });

    [Fact]
    public void The_postings_of_every_command_account_for_every_balance_change() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario))
            {
                var expected = step.Before.Balances.ToDictionary(b => b.Key, b => b.Value);
                var flows = step.Before.Flows.ToDictionary(f => f.Asset, f => (f.Deposits, f.Withdrawals));
                if (!step.Result.Duplicate)
                {
                    foreach (var posting in step.Result.Postings)
                    {
                        Assert.True(posting.Amount.IsPositive, $"{step.Describe()} posted a non-positive amount: {posting}");
                        Assert.False(posting.From is null && posting.To is null, $"{step.Describe()} posted from nowhere to nowhere");
                        if (posting.From is { } from)
                        {
                            expected[from] = expected.GetValueOrDefault(from) - posting.Amount;
                        }
                        else
                        {
                            var (deposits, withdrawals) = flows.GetValueOrDefault(posting.To!.Value.Asset);
                            flows[posting.To!.Value.Asset] = (deposits + posting.Amount, withdrawals);
                        }

                        if (posting.To is { } to)
                        {
                            expected[to] = expected.GetValueOrDefault(to) + posting.Amount;
                        }
                        else
                        {
                            var (deposits, withdrawals) = flows.GetValueOrDefault(posting.From!.Value.Asset);
                            flows[posting.From!.Value.Asset] = (deposits, withdrawals + posting.Amount);
                        }
                    }
                }

                var actual = step.After.Balances.ToDictionary(b => b.Key, b => b.Value);
                foreach (var account in expected.Keys.Union(actual.Keys))
                {
                    Assert.True(expected.GetValueOrDefault(account) == actual.GetValueOrDefault(account),
                        $"{step.Describe()}: {account} holds {actual.GetValueOrDefault(account)}, its postings explain {expected.GetValueOrDefault(account)}");
                }

                foreach (var flow in step.After.Flows)
                {
                    Assert.True(flows.GetValueOrDefault(flow.Asset) == (flow.Deposits, flow.Withdrawals),
                        $"{step.Describe()}: {flow.Asset} flows are {flow.Deposits} in / {flow.Withdrawals} out, the postings explain {flows.GetValueOrDefault(flow.Asset)}");
                }
            }
        });

    [Fact]
    public void No_ledger_account_that_may_not_go_negative_ever_does() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario))
            {
                foreach (var (account, balance) in step.After.Balances)
                {
                    Assert.True(account.MayGoNegative || balance >= Money.Zero, $"after {step.Describe()}: {account} holds {balance}");
                    Assert.True(account.Kind != LedgerAccountKind.FundingPool, $"after {step.Describe()}: the funding transit account {account} kept {balance}");
                }
            }
        });
}
