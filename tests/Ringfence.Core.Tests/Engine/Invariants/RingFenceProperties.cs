using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>
/// Ring-fence: collateral moves only for a command about it. A position's margin moves only for a command about that
/// position (or a mark move or funding in its instrument, as their events report); a free balance only for a command
/// that names its account, or for an auto top-up that a <see cref="MarginToppedUp"/> reports and its cap allows.
/// </summary>
public sealed class RingFenceProperties
{
    [Fact]
    public void A_command_moves_only_the_collateral_it_names() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario).Where(s => s.Result.Accepted && !s.Result.Duplicate))
            {
                if (step.Command is UpdateMarkPrice or ApplyFundingRate)
                {
                    continue;
                }

                var reach = CommandReach.Of(step.Command);
                foreach (var posting in step.Result.Postings)
                {
                    foreach (var account in new[] { posting.From, posting.To }.OfType<LedgerAccount>())
                    {
                        Assert.True(reach.Covers(account), $"{step.Describe()} moved {account}, which it does not name: {posting}");
                    }
                }

                foreach (var account in ChangedBalances(step).Where(CommandReach.IsCollateral))
                {
                    Assert.True(reach.Covers(account), $"{step.Describe()} changed the balance of {account}, which it does not name");
                }
            }
        });

    [Fact]
    public void A_trade_moves_a_free_balance_only_as_its_side_scope_allows() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario).Where(s => s.Result.Accepted && !s.Result.Duplicate && s.Command is Trade))
            {
                var trade = (Trade)step.Command;
                foreach (var side in new[] { trade.Buyer, trade.Seller })
                {
                    var free = step.Result.Postings
                        .Where(p => p.From is { Kind: LedgerAccountKind.Free } f && f.Owner == side.Account.Value)
                        .Select(p => p.To!.Value)
                        .Concat(step.Result.Postings.Where(p => p.To is { Kind: LedgerAccountKind.Free } t && t.Owner == side.Account.Value).Select(p => p.From!.Value));
                    foreach (var other in free)
                    {
                        // Isolated: collateral to and from its own margin account, fees. Cross: also realized PnL with
                        // the clearing account. Pod: nothing (the pod pays its fees).
                        var allowed = side.Scope.Kind switch
                        {
                            MarginScopeKind.Isolated => other.Kind == LedgerAccountKind.FeePool
                                || (other.Kind == LedgerAccountKind.PositionMargin && other.Owner == CommandReach.Isolated(side.Account, trade.Symbol).ToString()),
                            MarginScopeKind.Cross => other.Kind is LedgerAccountKind.FeePool or LedgerAccountKind.Clearing,
                            _ => false,
                        };
                        Assert.True(allowed, $"{step.Describe()} moved the {side.Scope} side's free balance of '{side.Account}' against {other}");
                    }
                }
            }
        });

    [Fact]
    public void A_mark_move_moves_collateral_only_as_the_auto_top_ups_it_reports() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario).Where(s => s.Result.Accepted && !s.Result.Duplicate && s.Command is UpdateMarkPrice))
            {
                var symbol = ((UpdateMarkPrice)step.Command).Symbol;
                var reported = step.Result.Events.OfType<MarginToppedUp>().ToList();
                Assert.All(reported, e => Assert.Equal(symbol, e.Symbol));
                var moved = step.Result.Postings.Select(p =>
                {
                    Assert.True(p.From is { Kind: LedgerAccountKind.Free } && p.To is { Kind: LedgerAccountKind.PositionMargin },
                        $"{step.Describe()} posted {p}, which is not a top-up");
                    var position = CommandReach.Isolated(AccountId.Create(p.From!.Value.Owner), symbol).ToString();
                    Assert.True(p.To!.Value.Owner == position, $"{step.Describe()} topped up {p.To} from {p.From}: not the owner's {symbol} position");
                    return $"{p.From.Value.Owner} {p.Amount}";
                });
                Assert.Equal(reported.Select(e => $"{e.Account} {e.Amount}").Order(StringComparer.Ordinal), moved.Order(StringComparer.Ordinal));
            }
        });

    [Fact]
    public void Funding_moves_collateral_only_as_the_payments_it_reports() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario).Where(s => s.Result.Accepted && !s.Result.Duplicate && s.Command is ApplyFundingRate))
            {
                var symbol = ((ApplyFundingRate)step.Command).Symbol;
                var reported = step.Result.Events.OfType<FundingPaid>().Where(e => e.Amount != Money.Zero).Select(e =>
                {
                    Assert.Equal(symbol, e.Symbol);
                    return $"{CollateralOf(e)} {e.Amount}";
                });
                var moved = step.Result.Postings
                    .Where(p => !(p.From is { Kind: LedgerAccountKind.FundingPool } && p.To is { Kind: LedgerAccountKind.InsuranceFund }))
                    .Select(p =>
                    {
                        var payment = p.To is { Kind: LedgerAccountKind.FundingPool };
                        var (pool, collateral) = payment ? (p.To!.Value, p.From) : (p.From!.Value, p.To);
                        Assert.True(pool.Kind == LedgerAccountKind.FundingPool && pool.Owner == symbol, $"{step.Describe()} posted {p}, which is not a {symbol} funding payment");
                        Assert.True(collateral is { } c && CommandReach.IsCollateral(c), $"{step.Describe()} posted {p}, which is not a {symbol} funding payment");
                        return $"{collateral!.Value.Kind}:{collateral.Value.Owner} {(payment ? p.Amount : -p.Amount)}";
                    });
                Assert.Equal(reported.Order(StringComparer.Ordinal), moved.Order(StringComparer.Ordinal));
                Assert.All(step.Result.Postings.Where(p => p.To is { Kind: LedgerAccountKind.InsuranceFund }), p => Assert.Equal(symbol, p.To!.Value.Owner));
            }
        });

    [Fact]
    public void Auto_top_up_never_moves_more_into_a_position_than_its_cap() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            var topUps = new Dictionary<PositionKey, (bool Enabled, Money Cap, Money Used)>();
            foreach (var step in ScenarioRun.Execute(scenario).Where(s => s.Result.Accepted && !s.Result.Duplicate))
            {
                foreach (var e in step.Result.Events)
                {
                    switch (e)
                    {
                        case PositionOpened { Scope.Kind: MarginScopeKind.Isolated } opened:
                            topUps[CommandReach.Isolated(opened.Account, opened.Symbol)] = (false, Money.Zero, Money.Zero);
                            break;
                        case PositionClosed { Scope.Kind: MarginScopeKind.Isolated } closed:
                            topUps.Remove(CommandReach.Isolated(closed.Account, closed.Symbol));
                            break;
                        case PositionMovedToPod moved:
                            topUps.Remove(CommandReach.Isolated(moved.Account, moved.Symbol));
                            break;
                        case AutoTopUpSet set:
                            var key = CommandReach.Isolated(set.Account, set.Symbol);
                            topUps[key] = (set.Enabled, set.Cap, topUps[key].Used);
                            break;
                        case MarginToppedUp toppedUp:
                            var position = CommandReach.Isolated(toppedUp.Account, toppedUp.Symbol);
                            var (enabled, cap, used) = topUps[position];
                            used += toppedUp.Amount;
                            Assert.True(enabled, $"{step.Describe()} topped up {position}, whose auto top-up is off");
                            Assert.True(used <= cap, $"{step.Describe()} brought {position}'s top-ups to {used}, over its cap {cap}");
                            Assert.True(toppedUp.CapRemaining == cap - used, $"{step.Describe()} reports {toppedUp.CapRemaining} left of the cap, not {cap} − {used}");
                            topUps[position] = (enabled, cap, used);
                            break;
                    }
                }

                foreach (var position in step.After.Positions.Where(p => p.Key.Scope.Kind == MarginScopeKind.Isolated))
                {
                    Assert.True(position.TopUp.Used == topUps[position.Key].Used,
                        $"after {step.Describe()}: {position.Key} records {position.TopUp.Used} of top-ups, its events {topUps[position.Key].Used}");
                }
            }
        });

    private static string CollateralOf(FundingPaid payment) => payment.Scope.Kind switch
    {
        MarginScopeKind.Isolated => $"{LedgerAccountKind.PositionMargin}:{CommandReach.Isolated(payment.Account, payment.Symbol)}",
        MarginScopeKind.Cross => $"{LedgerAccountKind.Free}:{payment.Account}",
        _ => $"{LedgerAccountKind.PodMargin}:{new PodKey(payment.Account, payment.Scope.Pod!)}",
    };

    private static IEnumerable<LedgerAccount> ChangedBalances(ExecutedCommand step)
    {
        var before = step.Before.Balances.ToDictionary(b => b.Key, b => b.Value);
        var after = step.After.Balances.ToDictionary(b => b.Key, b => b.Value);
        return before.Keys.Union(after.Keys).Where(a => before.GetValueOrDefault(a) != after.GetValueOrDefault(a));
    }
}
