using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>
/// Ring-fence: collateral moves only for a command about it. A position's margin moves only for a command about that
/// position (or a mark move or funding in its instrument, as their events report); a free balance only for a command
/// that names its account, or for an auto top-up that a <see cref="MarginToppedUp"/> reports and its cap allows. A mark
/// move liquidates: an isolated position's collateral then goes only to clearing and the insurance fund, never back to
/// its owner; deleveraging reduces counterparties like a trade at the bankruptcy price.
/// </summary>
public sealed class RingFenceProperties
{
    [Fact]
    public void A_command_moves_only_the_collateral_it_names() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario).Where(s => s.Result.Accepted && !s.Result.Duplicate))
            {
                if (step.Command is UpdateMarkPrice or ApplyFundingRate || step.Result.Events.Any(e => e is MarkPriceUpdated or FundingPaid))
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
    public void A_mark_move_moves_collateral_only_as_the_top_ups_liquidations_and_deleveraging_it_reports() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario).Where(s => s.Result.Accepted && !s.Result.Duplicate && s.Command is UpdateMarkPrice))
            {
                if (MarkMove.Of(step) is not { } move)
                {
                    // A mark that was not set (held by a jump guard) moves nothing.
                    Assert.True(step.Result.Postings.Count == 0, $"{step.Describe()} set no mark but posted {step.Result.Postings.Count} times");
                    continue;
                }

                AssertMarkMovePostings(move);
            }
        });

    [Fact]
    public void A_mark_move_changes_a_free_balance_only_by_its_owner_s_top_ups_and_deleveraged_positions() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var move in MarkMove.In(ScenarioRun.Execute(scenario)))
            {
                var step = move.Step;
                foreach (var account in step.After.Accounts.Select(a => a.Id))
                {
                    if (move.TouchesCrossOf(account))
                    {
                        // The account's free balance is the collateral of its cross positions: their liquidation or
                        // deleveraging realizes into it (the postings property holds those postings to their events).
                        continue;
                    }

                    foreach (var asset in step.After.Markets.Select(m => m.SettleAsset).Distinct())
                    {
                        var free = LedgerAccount.Free(account, asset);
                        var released = move.Released.Where(r => r.Key.Account == account && move.Market(r.Key.Symbol).SettleAsset == asset).Aggregate(Money.Zero, (sum, r) => sum + r.Value);
                        var expected = move.Before(free) - move.ToppedUpFrom(account, asset) + released;
                        Assert.True(move.After(free) == expected,
                            $"{step.Describe()}: {free} went from {move.Before(free)} to {move.After(free)}, not {move.Before(free)} − {move.ToppedUpFrom(account, asset)} topped up + {released} released by deleveraging");
                    }
                }
            }
        });

    /// <summary>
    /// Funding moves, per collateral account, exactly the payments its <see cref="FundingPaid"/> events report, through
    /// the instrument's funding pool. A position's collateral is where the engine keeps it: the backstop's positions
    /// (the liquidations it took) pay and receive through the backstop's account; under a profile that takes funding
    /// from the available balance first (Bybit), an isolated payer's payment comes from its owner's free balance and
    /// only the rest from its margin. The rounding residue goes to the instrument's own insurance fund.
    /// </summary>
    [Fact]
    public void Funding_moves_collateral_only_as_the_payments_it_reports() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario).Where(s => s.Result.Accepted && !s.Result.Duplicate && s.Result.Events.Any(e => e is FundingPaid)))
            {
                var payments = step.Result.Events.OfType<FundingPaid>().ToList();
                var symbol = payments[0].Symbol;
                Assert.All(payments, e => Assert.Equal(symbol, e.Symbol));
                var market = step.After.Markets.Single(m => m.Symbol == symbol);
                var reported = new Dictionary<LedgerAccount, Money>();
                foreach (var e in payments)
                {
                    Sum(reported, MarkMove.CollateralOf(new PositionKey(e.Account, e.Symbol, e.Scope), market.SettleAsset), e.Amount);
                }

                var moved = new Dictionary<LedgerAccount, Money>();
                foreach (var p in step.Result.Postings.Where(p => !(p.From is { Kind: LedgerAccountKind.FundingPool } && p.To is { Kind: LedgerAccountKind.InsuranceFund })))
                {
                    var payment = p.To is { Kind: LedgerAccountKind.FundingPool };
                    var (pool, collateral) = payment ? (p.To!.Value, p.From) : (p.From!.Value, p.To);
                    Assert.True(pool.Kind == LedgerAccountKind.FundingPool && pool.Owner == symbol, $"{step.Describe()} posted {p}, which is not a {symbol} funding payment");
                    Assert.True(collateral is { } c && (CommandReach.IsCollateral(c) || c.Kind == LedgerAccountKind.Backstop),
                        $"{step.Describe()} posted {p}, which is not a {symbol} funding payment");
                    Sum(moved, collateral!.Value, payment ? p.Amount : -p.Amount);
                }

                if (market.Profile.FundingFromFreeBalanceFirst)
                {
                    foreach (var e in payments.Where(e => e.Scope.Kind == MarginScopeKind.Isolated && e.Amount.IsPositive))
                    {
                        var margin = MarkMove.CollateralOf(new PositionKey(e.Account, e.Symbol, e.Scope), market.SettleAsset);
                        var fromFree = e.Amount - moved.GetValueOrDefault(margin);
                        Assert.True(!fromFree.IsNegative && fromFree <= e.Amount, $"{step.Describe()} took {moved.GetValueOrDefault(margin)} from {margin} for a payment of {e.Amount}");
                        Sum(reported, margin, -fromFree);
                        Sum(reported, LedgerAccount.Free(e.Account, market.SettleAsset), fromFree);
                    }
                }

                foreach (var account in reported.Keys.Union(moved.Keys))
                {
                    Assert.True(reported.GetValueOrDefault(account) == moved.GetValueOrDefault(account),
                        $"{step.Describe()} moved {moved.GetValueOrDefault(account)} between {account} and the funding pool; its payments report {reported.GetValueOrDefault(account)}");
                }

                Assert.All(step.Result.Postings.Where(p => p.To is { Kind: LedgerAccountKind.InsuranceFund }), p => Assert.Equal(symbol, p.To!.Value.Owner));

                // The backstop is outside capital (its account may go negative): it pays what its positions owe in full,
                // so that a shortfall is only ever that of collateral that ran out.
                if (step.Command is ApplyFundingRate apply && step.Before.Markets.Single(m => m.Symbol == symbol).Mark is { } mark)
                {
                    foreach (var e in payments.Where(e => e.Account == AccountId.Backstop && e.Amount.IsPositive))
                    {
                        var position = step.Before.Positions.Single(p => p.Key == new PositionKey(e.Account, e.Symbol, e.Scope));
                        var due = IsolatedMarginModel.Notional(MarkMove.AsIsolated(market, position, Money.Zero), mark).MultiplyBy(apply.Rate.Abs(), Rounding.Up);
                        Assert.True(e.Amount == due, $"{step.Describe()}: the backstop paid {e.Amount} of the {due} its {position.Key} owes");
                    }
                }
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

    /// <summary>
    /// Every posting of a mark move is one the ring-fence allows, and its amount is what the events report: (a) a top-up
    /// from the owner's free balance into its own isolated position, as a <see cref="MarginToppedUp"/> reports; (b) an
    /// isolated position's collateral to the instrument's clearing account (realized loss) or insurance fund (fee and
    /// forfeited rest, exactly <see cref="PositionLiquidated.Fee"/> + <see cref="PositionLiquidated.Forfeited"/>), or
    /// profit from clearing into it — only for a position it liquidated or deleveraged; (c) the same for a cross account's
    /// free balance or a pod's collateral; (d) a deleveraged isolated counterparty's released collateral to its own free
    /// balance, as its position events report; (e) the insurance fund to clearing for a reported gap, never more than the
    /// gaps; the backstop to and from clearing in an instrument where something was liquidated. Nothing else moves.
    /// </summary>
    private static void AssertMarkMovePostings(MarkMove move)
    {
        var step = move.Step;
        var topUps = new List<string>();
        var toFund = new Dictionary<PositionKey, Money>();
        var released = new Dictionary<PositionKey, Money>();
        var fromFund = new Dictionary<string, Money>(StringComparer.Ordinal);
        bool Liquidated(PositionKey key) => move.Liquidated.Contains(key);
        bool LiquidatedOrDeleveraged(PositionKey key) => move.Liquidated.Contains(key) || move.Deleveraged.Contains(key);

        foreach (var posting in step.Result.Postings)
        {
            Assert.True(posting.From is not null && posting.To is not null, $"{step.Describe()} moved money into or out of the venue: {posting}");
            var (from, to) = (posting.From!.Value, posting.To!.Value);
            var allowed = (from.Kind, to.Kind) switch
            {
                // (a) auto top-up: the owner's free balance into its own isolated position in the instrument.
                (LedgerAccountKind.Free, LedgerAccountKind.PositionMargin) =>
                    MarkMove.IsolatedPositionOf(to) is var key && key.Account.Value == from.Owner && key.Symbol == move.Symbol && Record(topUps, $"{key.Account} {key.Symbol} {posting.Amount}"),

                // (b) an isolated position realizes its loss or profit, pays its fee and forfeits its rest.
                (LedgerAccountKind.PositionMargin, LedgerAccountKind.Clearing) => LiquidatedOrDeleveraged(MarkMove.IsolatedPositionOf(from)) && MarkMove.IsolatedPositionOf(from).Symbol == to.Owner,
                (LedgerAccountKind.Clearing, LedgerAccountKind.PositionMargin) => LiquidatedOrDeleveraged(MarkMove.IsolatedPositionOf(to)) && MarkMove.IsolatedPositionOf(to).Symbol == from.Owner,
                (LedgerAccountKind.PositionMargin, LedgerAccountKind.InsuranceFund) =>
                    MarkMove.IsolatedPositionOf(from) is var key && Liquidated(key) && key.Symbol == to.Owner && Sum(toFund, key, posting.Amount),

                // (d) a deleveraged isolated counterparty's released share and PnL go to its own free balance.
                (LedgerAccountKind.PositionMargin, LedgerAccountKind.Free) =>
                    MarkMove.IsolatedPositionOf(from) is var key && move.Deleveraged.Contains(key) && key.Account.Value == to.Owner && Sum(released, key, posting.Amount),

                // (c) a cross account or a pod is liquidated or deleveraged from (and into) its own collateral.
                (LedgerAccountKind.Free, LedgerAccountKind.Clearing) => LiquidatedOrDeleveraged(Shared(from, to.Owner)),
                (LedgerAccountKind.Clearing, LedgerAccountKind.Free) => LiquidatedOrDeleveraged(Shared(to, from.Owner)),
                (LedgerAccountKind.PodMargin, LedgerAccountKind.Clearing) => LiquidatedOrDeleveraged(Shared(from, to.Owner)),
                (LedgerAccountKind.Clearing, LedgerAccountKind.PodMargin) => LiquidatedOrDeleveraged(Shared(to, from.Owner)),
                (LedgerAccountKind.Free or LedgerAccountKind.PodMargin, LedgerAccountKind.InsuranceFund) =>
                    Shared(from, to.Owner) is var key && Liquidated(key) && Sum(toFund, key, posting.Amount),

                // (e) the insurance fund covers a gap; the backstop settles with clearing where it took something.
                (LedgerAccountKind.InsuranceFund, LedgerAccountKind.Clearing) => from.Owner == to.Owner && move.Gaps.Contains(from.Owner) && Sum(fromFund, from.Owner, posting.Amount),
                (LedgerAccountKind.Backstop, LedgerAccountKind.Clearing) => move.Liquidated.Any(g => g.Key.Symbol == to.Owner),
                (LedgerAccountKind.Clearing, LedgerAccountKind.Backstop) => move.Liquidated.Any(g => g.Key.Symbol == from.Owner),
                _ => false,
            };
            Assert.True(allowed, $"{step.Describe()} posted {posting}, which no top-up, liquidation or deleveraging it reports explains");
        }

        Assert.Equal(
            move.TopUps.Select(e => $"{e.Account} {e.Symbol} {e.Amount}").Order(StringComparer.Ordinal),
            topUps.Order(StringComparer.Ordinal));

        foreach (var liquidated in move.Liquidated)
        {
            var reported = liquidated.Aggregate(Money.Zero, (sum, e) => sum + e.Fee + e.Forfeited);
            Assert.True(toFund.GetValueOrDefault(liquidated.Key) == reported,
                $"{step.Describe()} moved {toFund.GetValueOrDefault(liquidated.Key)} of {liquidated.Key}'s collateral to the insurance fund; its liquidations report {reported} of fees and forfeits");
        }

        foreach (var key in move.Released.Keys.Union(released.Keys))
        {
            Assert.True(move.Deleveraged.Contains(key), $"{step.Describe()} changed {key}, which it neither liquidated nor deleveraged");
            Assert.True(released.GetValueOrDefault(key) == move.Released.GetValueOrDefault(key),
                $"{step.Describe()} returned {released.GetValueOrDefault(key)} of {key}'s collateral to its owner; its position events report {move.Released.GetValueOrDefault(key)}");
        }

        foreach (var (symbol, amount) in fromFund)
        {
            var gaps = move.Gaps[symbol].Aggregate(Money.Zero, (sum, e) => sum + e.Gap);
            Assert.True(amount <= gaps, $"{step.Describe()} paid {amount} from the {symbol} insurance fund for gaps of {gaps}");
        }

        // What each collateral account settled with clearing is the PnL its events report: a liquidation's realized PnL,
        // less the gap it left to the insurance fund and the backstop; a deleveraged counterparty's realized PnL.
        var settled = new Dictionary<(LedgerAccount Collateral, string Symbol), Money>();
        foreach (var posting in step.Result.Postings)
        {
            if (posting is { From: { } from, To: { Kind: LedgerAccountKind.Clearing } into } && from.Kind is LedgerAccountKind.PositionMargin or LedgerAccountKind.Free or LedgerAccountKind.PodMargin)
            {
                Sum(settled, (from, into.Owner), -posting.Amount);
            }
            else if (posting is { From: { Kind: LedgerAccountKind.Clearing } clearing, To: { } to } && to.Kind is LedgerAccountKind.PositionMargin or LedgerAccountKind.Free or LedgerAccountKind.PodMargin)
            {
                Sum(settled, (to, clearing.Owner), posting.Amount);
            }
        }

        var pnls = new Dictionary<(LedgerAccount Collateral, string Symbol), Money>();
        BankruptcyGapCovered? gap = null;
        for (var i = 0; i < move.Events.Count; i++)
        {
            switch (move.Events[i])
            {
                case BankruptcyGapCovered covered:
                    gap = covered;
                    break;
                case PositionLiquidated liquidated:
                    var left = gap is { } g && g.Account == liquidated.Account && g.Symbol == liquidated.Symbol ? g.Gap : Money.Zero;
                    Sum(pnls, (Collateral(move, new PositionKey(liquidated.Account, liquidated.Symbol, liquidated.Scope)), liquidated.Symbol), liquidated.RealizedPnl + left);
                    gap = null;
                    break;
                case AutoDeleveraged deleveraged:
                    var realized = move.Events[i - 1] switch
                    {
                        PositionChanged c => c.RealizedPnl,
                        PositionClosed c => c.RealizedPnl,
                        _ => throw new InvalidOperationException($"{step.Describe()}: {deleveraged} follows no change of its position"),
                    };
                    Sum(pnls, (Collateral(move, new PositionKey(deleveraged.Account, deleveraged.Symbol, deleveraged.Scope)), deleveraged.Symbol), realized);
                    break;
            }
        }

        foreach (var key in settled.Keys.Union(pnls.Keys))
        {
            Assert.True(settled.GetValueOrDefault(key) == pnls.GetValueOrDefault(key),
                $"{step.Describe()} settled {settled.GetValueOrDefault(key)} between {key.Collateral} and {key.Symbol} clearing; its events report {pnls.GetValueOrDefault(key)} of PnL net of gaps");
        }

        // No collateral changed that no event is about.
        foreach (var account in move.ChangedAccounts())
        {
            var explained = account.Kind switch
            {
                LedgerAccountKind.PositionMargin => MarkMove.IsolatedPositionOf(account) is var key && (LiquidatedOrDeleveraged(key) || move.ToppedUp(key).IsPositive),
                LedgerAccountKind.PodMargin => move.Liquidated.Select(g => g.Key).Concat(move.Deleveraged.Select(g => g.Key))
                    .Any(k => k.Scope.Kind == MarginScopeKind.Pod && new PodKey(k.Account, k.Scope.Pod!) == MarkMove.PodOf(account)),
                LedgerAccountKind.FeePool or LedgerAccountKind.FundingPool => false,
                _ => true,
            };
            Assert.True(explained, $"{step.Describe()} changed {account} from {move.Before(account)} to {move.After(account)}, which nothing it reports is about");
        }
    }

    private static LedgerAccount Collateral(MarkMove move, PositionKey key) => MarkMove.CollateralOf(key, move.Market(key.Symbol).SettleAsset);

    /// <summary>The cross or pod position, in <paramref name="symbol"/>, whose collateral <paramref name="account"/> is.</summary>
    private static PositionKey Shared(LedgerAccount account, string symbol) => account.Kind == LedgerAccountKind.Free
        ? new PositionKey(AccountId.Create(account.Owner), symbol, MarginScope.Cross)
        : new PositionKey(MarkMove.PodOf(account).Account, symbol, MarginScope.InPod(MarkMove.PodOf(account).Name));

    private static bool Record(List<string> list, string item)
    {
        list.Add(item);
        return true;
    }

    /// <summary>Adds <paramref name="amount"/> to <paramref name="key"/>'s sum; true, so that it can sit in a condition.</summary>
    private static bool Sum<TKey>(Dictionary<TKey, Money> sums, TKey key, Money amount)
        where TKey : notnull
    {
        sums[key] = sums.GetValueOrDefault(key) + amount;
        return true;
    }

    private static IEnumerable<LedgerAccount> ChangedBalances(ExecutedCommand step)
    {
        var before = step.Before.Balances.ToDictionary(b => b.Key, b => b.Value);
        var after = step.After.Balances.ToDictionary(b => b.Key, b => b.Value);
        return before.Keys.Union(after.Keys).Where(a => before.GetValueOrDefault(a) != after.GetValueOrDefault(a));
    }
}
