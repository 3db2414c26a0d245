using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
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
/// Liquidation on every mark move: the index finds what a full scan finds, nothing liquidatable survives a mark move,
/// nothing healthy is liquidated, an isolated owner neither gets back nor loses more than its position's collateral,
/// fees stay within the collateral left, and the insurance fund never goes negative and keeps its history.
/// </summary>
public sealed class LiquidationProperties
{
    [Fact]
    public void After_every_command_a_full_sweep_finds_no_liquidatable_position_the_index_would_not_offer() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            ExecutedCommand? last = null;
            foreach (var step in ScenarioRun.Execute(scenario))
            {
                last = step;
                var marked = step.After.Markets.Where(m => m.Mark is not null).ToList();
                if (marked.Count == 0)
                {
                    continue;
                }

                var balances = step.After.Balances.ToDictionary(b => b.Key, b => b.Value);
                foreach (var market in marked)
                {
                    // The sweep runs on the live engine, whose index was kept up to date command by command (a restored
                    // copy would rebuild it); it must change nothing, which the snapshot below and the final hash prove.
                    var sweep = step.Engine.Execute(new Sweep(market.Symbol));
                    Assert.True(sweep.Accepted && sweep.Postings.Count == 0, $"a sweep of {market.Symbol} after {step.Describe()} gave {OutcomeText.Of(sweep)}");
                    var report = Assert.IsType<SweepCompleted>(Assert.Single(sweep.Events));
                    var isolated = step.After.Positions.Where(p => p.Key.Symbol == market.Symbol && p.Key.Scope.Kind == MarginScopeKind.Isolated).ToList();
                    var liquidatable = isolated.Count(p => MarkMove.IsLiquidatable(step.After, balances, p, market.Mark!.Value, Money.Zero));
                    Assert.True(report == new SweepCompleted(market.Symbol, isolated.Count, liquidatable, 0),
                        $"after {step.Describe()}: {report}; the state holds {isolated.Count} isolated positions, {liquidatable} of them liquidatable at {market.Mark}");
                }

                Assert.True(SameState(step.After, step.Engine.TakeSnapshot()), $"the sweeps after {step.Describe()} changed the state");
            }

            Assert.True(last is null || last.Engine.Hash() == last.HashAfter, "the sweeps changed the state hash");
        });

    [Fact]
    public void After_a_mark_move_nothing_in_the_instrument_is_left_liquidatable_at_the_mark() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var move in MarkMove.In(ScenarioRun.Execute(scenario)))
            {
                var step = move.Step;
                var balances = step.After.Balances.ToDictionary(b => b.Key, b => b.Value);
                foreach (var position in step.After.Positions.Where(p => p.Key.Symbol == move.Symbol && p.Key.Scope.Kind == MarginScopeKind.Isolated && !p.InLiquidation))
                {
                    var market = move.Market(move.Symbol);
                    var isolated = MarkMove.AsIsolated(market, position, balances.GetValueOrDefault(LedgerAccount.PositionMargin(position.Key, market.SettleAsset)));
                    Assert.False(market.Model.IsLiquidatable(isolated, move.Mark),
                        $"after {step.Describe()}: {position.Key} is left liquidatable at {move.Mark}: equity {IsolatedMarginModel.Equity(isolated, move.Mark)} ≤ maintenance {market.Model.MaintenanceMargin(isolated, move.Mark)}");
                }

                // Cross accounts and pods with a position in the instrument are liquidated until they are healthy again.
                var asset = move.Market(move.Symbol).SettleAsset;
                foreach (var scope in step.Before.Positions.Where(p => p.Key.Symbol == move.Symbol && p.Key.Account != AccountId.Backstop && p.Key.Scope.Kind != MarginScopeKind.Isolated)
                    .Select(p => (p.Key.Account, p.Key.Scope)).Distinct())
                {
                    if (step.After.Positions.Any(p => p.Key.Account == scope.Account && p.Key.Scope == scope.Scope && p.InLiquidation))
                    {
                        continue;
                    }

                    var (equity, maintenance) = SharedFigures(step.After, balances, scope.Account, scope.Scope, asset, Money.Zero);
                    Assert.False(maintenance.IsPositive && equity <= maintenance,
                        $"after {step.Describe()}: {scope.Account}'s {scope.Scope} scope is left at equity {equity} ≤ maintenance {maintenance}");
                }
            }
        });

    [Fact]
    public void No_healthy_position_is_ever_liquidated() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var move in MarkMove.In(ScenarioRun.Execute(scenario)))
            {
                var step = move.Step;
                var before = step.Before.Balances.ToDictionary(b => b.Key, b => b.Value);
                for (var i = 0; i < move.Events.Count; i++)
                {
                    if (move.Events[i] is not LiquidationStarted started)
                    {
                        continue;
                    }

                    Assert.True(started.Equity <= started.MaintenanceMargin, $"{step.Describe()} started liquidating {started.Account}'s {started.Scope} scope at equity {started.Equity} above maintenance {started.MaintenanceMargin}");
                    var key = new PositionKey(started.Account, started.Symbol, started.Scope);
                    var market = move.Market(started.Symbol);
                    if (started.Scope.Kind == MarginScopeKind.Isolated)
                    {
                        Assert.Equal(move.Symbol, started.Symbol);
                        Assert.Equal(move.Mark, started.Mark);
                        if (move.FirstChangeOf(key) < i)
                        {
                            // Deleveraged earlier in the same command: the state before the command no longer describes it.
                            continue;
                        }

                        // The position as it was before the command, with what auto top-up put in: still liquidatable.
                        var position = move.PositionBefore(key) ?? throw new InvalidOperationException($"{step.Describe()} liquidated {key}, which did not exist");
                        Assert.Equal(position.Quantity, started.Quantity);
                        var collateral = before.GetValueOrDefault(LedgerAccount.PositionMargin(key, market.SettleAsset)) + move.ToppedUp(key);
                        var isolated = MarkMove.AsIsolated(market, position, collateral);
                        Assert.True(market.Model.IsLiquidatable(isolated, move.Mark),
                            $"{step.Describe()} liquidated {key}, which at {move.Mark} with {collateral} of collateral (after {move.ToppedUp(key)} of top-ups) was healthy: equity {IsolatedMarginModel.Equity(isolated, move.Mark)} > maintenance {market.Model.MaintenanceMargin(isolated, move.Mark)}");
                        Assert.True(started.Equity == IsolatedMarginModel.Equity(isolated, move.Mark) && started.MaintenanceMargin == market.Model.MaintenanceMargin(isolated, move.Mark),
                            $"{step.Describe()} reports {started}; before the command, with its top-ups, {key} had equity {IsolatedMarginModel.Equity(isolated, move.Mark)} and maintenance {market.Model.MaintenanceMargin(isolated, move.Mark)}");
                        continue;
                    }

                    // A cross account or pod: unless something in it changed earlier in the command, its figures from the
                    // state before (the new mark, and the free balance less its owner's top-ups) must be the ones reported.
                    if (move.Events.Take(i).Any(e => About(e) is { } k && k.Account == started.Account && (k.Scope == started.Scope || k.Scope.Kind == MarginScopeKind.Isolated && started.Scope.Kind == MarginScopeKind.Cross)))
                    {
                        continue;
                    }

                    var toppedUp = started.Scope.Kind == MarginScopeKind.Cross ? move.ToppedUpFrom(started.Account, market.SettleAsset) : Money.Zero;
                    var (equity, maintenance) = SharedFigures(step.Before, before, started.Account, started.Scope, market.SettleAsset, -toppedUp, step.After.Markets);
                    Assert.True(equity == started.Equity && maintenance == started.MaintenanceMargin,
                        $"{step.Describe()} reports {started}; before the command (at the new mark) the scope had equity {equity} and maintenance {maintenance}");
                }
            }
        });

    [Fact]
    public void An_isolated_liquidation_gives_its_owner_nothing_back_and_takes_nothing_beyond_the_position() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var move in MarkMove.In(ScenarioRun.Execute(scenario)))
            {
                var step = move.Step;
                foreach (var liquidated in move.Liquidated.Where(g => g.Key.Scope.Kind == MarginScopeKind.Isolated))
                {
                    var key = liquidated.Key;
                    var asset = move.Market(key.Symbol).SettleAsset;
                    var margin = LedgerAccount.PositionMargin(key, asset);
                    var free = LedgerAccount.Free(key.Account, asset);

                    // None of the position's collateral went to its owner (unless it was also deleveraged, as reported).
                    var returned = step.Result.Postings.Where(p => p.From == margin && p.To == free).Aggregate(Money.Zero, (sum, p) => sum + p.Amount);
                    Assert.True(returned == move.Released.GetValueOrDefault(key),
                        $"{step.Describe()} liquidated {key} and returned {returned} of its collateral to {free}");

                    if (move.PositionAfter(key) is null)
                    {
                        Assert.True(move.After(margin) == Money.Zero, $"{step.Describe()} closed {key} whole and left {move.After(margin)} in {margin}");
                        Assert.True(liquidated.Last() is { Partial: false }, $"{step.Describe()} closed {key} whole; its last liquidation reads partial");
                    }

                    // The owner's free balance is what it was before the move: less only the top-ups it reports, plus
                    // only what deleveraging of its isolated positions released (its cross positions realize into it).
                    if (!move.TouchesCrossOf(key.Account))
                    {
                        var released = move.Released.Where(r => r.Key.Account == key.Account && move.Market(r.Key.Symbol).SettleAsset == asset).Aggregate(Money.Zero, (sum, r) => sum + r.Value);
                        Assert.True(move.After(free) == move.Before(free) - move.ToppedUpFrom(key.Account, asset) + released,
                            $"{step.Describe()} liquidated {key}; {free} went from {move.Before(free)} to {move.After(free)} with {move.ToppedUpFrom(key.Account, asset)} topped up and {released} released");
                    }
                }
            }
        });

    [Fact]
    public void A_liquidation_fee_never_exceeds_the_collateral_left_and_the_insurance_fund_never_goes_negative_and_keeps_its_history() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario))
            {
                var balances = step.After.Balances.ToDictionary(b => b.Key, b => b.Value);
                foreach (var market in step.After.Markets)
                {
                    var fund = LedgerAccount.InsuranceFund(market.Symbol, market.SettleAsset);
                    var balance = balances.GetValueOrDefault(fund);
                    Assert.True(!balance.IsNegative, $"after {step.Describe()}: the {market.Symbol} insurance fund holds {balance}");
                    var history = HistoryOf(step.After, market.Symbol);
                    var running = Money.Zero;
                    foreach (var entry in history)
                    {
                        running += entry.Change;
                        Assert.True(entry.Balance == running, $"after {step.Describe()}: the {market.Symbol} fund history records {entry} after a running balance of {running - entry.Change}");
                    }

                    Assert.True(running == balance, $"after {step.Describe()}: the {market.Symbol} fund history ends at {running}, the ledger holds {balance}");

                    // What the command added to the history is what its events report.
                    var added = history.Skip(HistoryOf(step.Before, market.Symbol).Count).Select(e => $"{e.Change} {e.Balance} {e.Reason}");
                    var reported = step.Result.Accepted && !step.Result.Duplicate
                        ? step.Result.Events.OfType<InsuranceFundChanged>().Where(e => e.Symbol == market.Symbol).Select(e => $"{e.Change} {e.Balance} {e.Reason}")
                        : [];
                    Assert.Equal(reported, added);
                }

                if (step.Result.Accepted && !step.Result.Duplicate)
                {
                    AssertFeesWithinCollateral(step);
                }
            }
        });

    [Fact]
    public void A_mark_update_for_a_listed_instrument_is_never_refused_by_its_liquidations() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var step in ScenarioRun.Execute(scenario).Where(s => s.Command is UpdateMarkPrice { Price.IsPositive: true } update && s.Before.Markets.Any(m => m.Symbol == update.Symbol)))
            {
                Assert.True(step.Result.Accepted || step.Result.Rejection!.Code == RejectionCodes.TimeWentBackwards || OverflowIsJustified(step, (UpdateMarkPrice)step.Command),
                    $"{step.Describe()}: {step.Result.Rejection?.Reason}");
            }
        });

    /// <summary>
    /// An OVERFLOW refusal is the engine keeping money exact, and is right only when some position in the instrument
    /// is worth more than the money range can hold, at the new mark or at its entry (millions of BTC bought at a
    /// 0.1 mark, then marked at 46,000): no PnL of it could be booked. Any other OVERFLOW is a defect.
    /// </summary>
    private static bool OverflowIsJustified(ExecutedCommand step, UpdateMarkPrice update)
    {
        if (step.Result.Rejection?.Code != RejectionCodes.Overflow)
        {
            return false;
        }

        var market = step.Before.Markets.Single(m => m.Symbol == update.Symbol);
        var contract = market.Instrument.Contract;
        var limit = (decimal)FixedPoint.MaxUnits / FixedPoint.Scale;
        decimal Worth(Quantity quantity, Price price) =>
            contract.Type == global::Ringfence.Core.Instruments.ContractType.Linear
                ? (decimal)quantity.Units / FixedPoint.Scale * ((decimal)price.Units / FixedPoint.Scale) * ((decimal)contract.Size.Units / FixedPoint.Scale)
                : (decimal)quantity.Units / FixedPoint.Scale * ((decimal)contract.Size.Units / FixedPoint.Scale) / ((decimal)price.Units / FixedPoint.Scale);
        return step.Before.Positions.Where(p => p.Key.Symbol == update.Symbol)
            .Any(p => Worth(p.Quantity, update.Price) > limit || Worth(p.Quantity, p.EntryPrice) > limit);
    }

    /// <summary>
    /// Each liquidation's fee is at most the instrument's fee rate on the closed notional, and at most the collateral
    /// left when it is taken: replaying the postings in order, a fee below the nominal one empties the collateral, and so
    /// does a forfeit. The fees and forfeits leave exactly as the events report them, in order.
    /// </summary>
    private static void AssertFeesWithinCollateral(ExecutedCommand step)
    {
        var expected = new Dictionary<(LedgerAccount Collateral, string Symbol), Queue<(Money Amount, bool Capped, bool Forfeit)>>();
        foreach (var e in step.Result.Events.OfType<PositionLiquidated>())
        {
            var market = step.After.Markets.Single(m => m.Symbol == e.Symbol);
            var nominal = market.Instrument.Contract.Notional(e.Quantity, e.Price, Rounding.Up).MultiplyBy(market.Instrument.LiquidationFee, Rounding.Up);
            Assert.True(!e.Fee.IsNegative && e.Fee <= nominal, $"{step.Describe()}: {e} charged a fee of {e.Fee}, the fee rate gives {nominal}");
            Assert.True(!e.Forfeited.IsNegative && (e.Forfeited == Money.Zero || (e.Scope.Kind == MarginScopeKind.Isolated && !e.Partial)),
                $"{step.Describe()}: {e} forfeited {e.Forfeited}: only an isolated position closed whole forfeits its rest");
            var key = (MarkMove.CollateralOf(new PositionKey(e.Account, e.Symbol, e.Scope), market.SettleAsset), e.Symbol);
            if (!expected.TryGetValue(key, out var queue))
            {
                expected[key] = queue = new Queue<(Money, bool, bool)>();
            }

            if (e.Fee.IsPositive)
            {
                queue.Enqueue((e.Fee, e.Fee < nominal, false));
            }

            if (e.Forfeited.IsPositive)
            {
                queue.Enqueue((e.Forfeited, false, true));
            }
        }

        if (expected.Count == 0)
        {
            return;
        }

        var balances = step.Before.Balances.ToDictionary(b => b.Key, b => b.Value);
        foreach (var posting in step.Result.Postings)
        {
            var before = posting.From is { } from ? balances.GetValueOrDefault(from) : Money.Zero;
            if (posting.From is { } source)
            {
                balances[source] = before - posting.Amount;
            }

            if (posting.To is { } destination)
            {
                balances[destination] = balances.GetValueOrDefault(destination) + posting.Amount;
            }

            if (posting is not { From: { } collateral, To: { Kind: LedgerAccountKind.InsuranceFund } fund } || !expected.TryGetValue((collateral, fund.Owner), out var queue))
            {
                continue;
            }

            Assert.True(queue.Count > 0, $"{step.Describe()} posted {posting}, more than its liquidations report of fees and forfeits");
            var (amount, capped, forfeit) = queue.Dequeue();
            Assert.True(posting.Amount == amount, $"{step.Describe()} posted {posting}; its liquidations report {(forfeit ? "a forfeit" : "a fee")} of {amount} next");
            Assert.True(before >= amount, $"{step.Describe()} took {amount} from {collateral}, which held {before}");
            if (capped || forfeit)
            {
                Assert.True(balances[collateral] == Money.Zero || collateral.MayGoNegative,
                    $"{step.Describe()}: after {(forfeit ? "the forfeit" : "a fee capped below the fee rate")} of {amount}, {collateral} still holds {balances[collateral]}");
            }
        }

        Assert.All(expected, e => Assert.True(e.Value.Count == 0, $"{step.Describe()}: {e.Value.Count} reported fees or forfeits of {e.Key} were never posted"));
    }

    /// <summary>Every part of two snapshots is equal (what the state hash is taken over, compared directly).</summary>
    private static bool SameState(EngineSnapshot a, EngineSnapshot b) =>
        a.LastTime == b.LastTime
        && a.Accounts.SequenceEqual(b.Accounts)
        && a.Markets.SequenceEqual(b.Markets)
        && a.Positions.SequenceEqual(b.Positions)
        && a.Pods.SequenceEqual(b.Pods)
        && a.Balances.SequenceEqual(b.Balances)
        && a.Flows.SequenceEqual(b.Flows)
        && a.Outcomes.SequenceEqual(b.Outcomes)
        && a.InsuranceFundHistory.SelectMany(h => h.Value.Select(e => (h.Key, e))).SequenceEqual(b.InsuranceFundHistory.SelectMany(h => h.Value.Select(e => (h.Key, e))));

    private static IReadOnlyList<InsuranceFundEntry> HistoryOf(EngineSnapshot snapshot, string symbol) =>
        snapshot.InsuranceFundHistory.FirstOrDefault(h => h.Key == symbol).Value ?? [];

    /// <summary>The position an event is about, if it is about one.</summary>
    private static PositionKey? About(EngineEvent e) => e switch
    {
        PositionLiquidated x => new PositionKey(x.Account, x.Symbol, x.Scope),
        AutoDeleveraged x => new PositionKey(x.Account, x.Symbol, x.Scope),
        PositionChanged x => new PositionKey(x.Account, x.Symbol, x.Scope),
        PositionClosed x => new PositionKey(x.Account, x.Symbol, x.Scope),
        PositionOpened x => new PositionKey(x.Account, x.Symbol, x.Scope),
        _ => null,
    };

    /// <summary>
    /// A cross account's (or pod's) equity and maintenance requirement in <paramref name="asset"/>, as the engine values
    /// them: its collateral (the free balance, or the pod's margin) plus <paramref name="adjustment"/>, plus its positions'
    /// PnL at their marks (from <paramref name="marks"/>, the snapshot's own by default); maintenance summed over the legs.
    /// </summary>
    private static (Money Equity, Money Maintenance) SharedFigures(EngineSnapshot snapshot, IReadOnlyDictionary<LedgerAccount, Money> balances, AccountId account, MarginScope scope, Asset asset, Money adjustment, IReadOnlyList<Market>? marks = null)
    {
        var collateral = balances.GetValueOrDefault(scope.Kind == MarginScopeKind.Cross
            ? LedgerAccount.Free(account, asset)
            : LedgerAccount.PodMargin(account, scope.Pod!, asset)) + adjustment;
        var pnl = Money.Zero;
        var legs = new List<PodLeg>();
        foreach (var position in snapshot.Positions.Where(p => p.Key.Account == account && p.Key.Scope == scope))
        {
            var market = (marks ?? snapshot.Markets).Single(m => m.Symbol == position.Key.Symbol);
            if (market.SettleAsset != asset)
            {
                continue;
            }

            var mark = market.Mark ?? position.EntryPrice;
            pnl += IsolatedMarginModel.UnrealizedPnl(MarkMove.AsIsolated(market, position, Money.Zero), mark);
            legs.Add(new PodLeg(position, market.Instrument.Contract, market.Model, mark));
        }

        return (collateral + pnl, SumOfLegsPodMarginModel.Instance.Requirement(legs).Maintenance);
    }
}
