using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Core.Tests.Engine.Generation;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>
/// Zero-sum open interest: every contract held long is held short by someone else — the backstop included, which holds
/// what liquidations and deleveraging left it. A mark move changes positions only as its liquidation and deleveraging
/// events report, like trades: the liquidated side against the backstop or, at the bankruptcy price, against
/// deleveraged counterparties.
/// </summary>
public sealed class OpenInterestProperties
{
    [Fact]
    public void Long_and_short_open_interest_are_equal_in_every_instrument_after_every_command() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            // A rejected command changes nothing (see RejectionProperties), so the view is read after accepted ones.
            foreach (var step in ScenarioRun.Execute(scenario).Where(s => s.Result.Accepted))
            {
                var view = step.Engine.View().Positions;
                Assert.True(view.Count == step.After.Positions.Count, $"after {step.Describe()}: the view shows {view.Count} positions of the {step.After.Positions.Count} held (the backstop's count too)");
                foreach (var instrument in view.GroupBy(p => p.Symbol))
                {
                    var longs = instrument.Where(p => p.Side == PositionSide.Long).Aggregate(Quantity.Zero, (sum, p) => sum + p.Quantity);
                    var shorts = instrument.Where(p => p.Side == PositionSide.Short).Aggregate(Quantity.Zero, (sum, p) => sum + p.Quantity);
                    Assert.True(longs == shorts, $"after {step.Describe()}: {instrument.Key} has {longs} long against {shorts} short");
                }
            }
        });

    [Fact]
    public void A_mark_move_changes_positions_only_as_its_liquidations_and_deleveraging_report() =>
        PropertyCases.Verify(RandomScenarios.Scenarios, scenario =>
        {
            foreach (var move in MarkMove.In(ScenarioRun.Execute(scenario)))
            {
                var step = move.Step;

                // The signed size every position should have moved by: a liquidated or deleveraged position shrinks by
                // what was closed; the backstop takes the liquidated side and gives up what was deleveraged against it.
                var expected = new Dictionary<PositionKey, long>();
                void Add(PositionKey key, long units) => expected[key] = expected.GetValueOrDefault(key) + units;
                foreach (var e in move.Events)
                {
                    switch (e)
                    {
                        case PositionLiquidated x:
                            Add(new PositionKey(x.Account, x.Symbol, x.Scope), -MarkMove.Signed(x.Side, x.Quantity));
                            Add(new PositionKey(AccountId.Backstop, x.Symbol, MarginScope.Cross), MarkMove.Signed(x.Side, x.Quantity));
                            break;
                        case AutoDeleveraged x:
                            Add(new PositionKey(x.Account, x.Symbol, x.Scope), -MarkMove.Signed(x.Side, x.Quantity));
                            Add(new PositionKey(AccountId.Backstop, x.Symbol, MarginScope.Cross), MarkMove.Signed(x.Side, x.Quantity));
                            break;
                    }
                }

                var before = step.Before.Positions.ToDictionary(p => p.Key);
                var after = step.After.Positions.ToDictionary(p => p.Key);
                foreach (var key in before.Keys.Union(after.Keys).Union(expected.Keys))
                {
                    var was = before.TryGetValue(key, out var b) ? MarkMove.Signed(b.Side, b.Quantity) : 0;
                    var now = after.TryGetValue(key, out var a) ? MarkMove.Signed(a.Side, a.Quantity) : 0;
                    Assert.True(now - was == expected.GetValueOrDefault(key),
                        $"{step.Describe()} moved {key} from {was} to {now} units; its liquidations and deleveraging account for {expected.GetValueOrDefault(key)}");
                    if (key.Account != AccountId.Backstop && b is not null && a is not null)
                    {
                        Assert.True(a.Side == b.Side && a.EntryPrice == b.EntryPrice && a.Leverage == b.Leverage,
                            $"{step.Describe()} reduced {key} from {b} to {a}: a reduction keeps the side, the entry and the leverage");
                    }

                    Assert.True(key.Account == AccountId.Backstop || b is not null || a is null, $"{step.Describe()} opened {a} on a mark move");
                }

                AssertDeleveragingAtTheBankruptcyPrice(move);
            }
        });

    /// <summary>
    /// A deleveraged liquidation closes the bankrupt position at its bankruptcy price, then the counterparties (the
    /// opposite side) and the backstop take exactly its size at that same price, each counterparty realizing the PnL of a
    /// trade at that price.
    /// </summary>
    private static void AssertDeleveragingAtTheBankruptcyPrice(MarkMove move)
    {
        var step = move.Step;
        var before = step.Before.Balances.ToDictionary(b => b.Key, b => b.Value);
        PositionLiquidated? bankrupt = null;
        var taken = Quantity.Zero;
        void Settle()
        {
            Assert.True(bankrupt is null || taken == Quantity.Zero || taken == bankrupt.Quantity,
                $"{step.Describe()} deleveraged {taken} against {bankrupt}");
        }

        for (var i = 0; i < move.Events.Count; i++)
        {
            switch (move.Events[i])
            {
                case PositionLiquidated liquidated:
                    Settle();
                    bankrupt = liquidated;
                    taken = Quantity.Zero;
                    break;
                case AutoDeleveraged adl:
                    Assert.True(bankrupt is not null && adl.Bankrupt == bankrupt.Account && adl.Symbol == bankrupt.Symbol && adl.Side != bankrupt.Side && adl.Price == bankrupt.Price,
                        $"{step.Describe()}: {adl} does not follow its bankrupt position's close at the same price ({bankrupt})");
                    taken += adl.Quantity;
                    var key = new PositionKey(adl.Account, adl.Symbol, adl.Scope);
                    var (realized, changeAt) = move.Events[i - 1] switch
                    {
                        PositionChanged c when new PositionKey(c.Account, c.Symbol, c.Scope) == key => (c.RealizedPnl, i - 1),
                        PositionClosed c when new PositionKey(c.Account, c.Symbol, c.Scope) == key => (c.RealizedPnl, i - 1),
                        _ => throw new InvalidOperationException($"{step.Describe()}: {adl} follows no change of {key}"),
                    };
                    if (move.FirstChangeOf(key) == changeAt && move.PositionBefore(key) is { } counterparty)
                    {
                        var pnl = move.Market(adl.Symbol).Instrument.Contract.Pnl(counterparty.Side, adl.Quantity, counterparty.EntryPrice, adl.Price, Rounding.Down);
                        Assert.True(realized == pnl, $"{step.Describe()}: {key} realized {realized} when deleveraged, a trade at {adl.Price} realizes {pnl}");
                    }

                    break;
                case BackstopAbsorbed absorbed:
                    Assert.True(bankrupt is not null && absorbed.Symbol == bankrupt.Symbol && absorbed.Price == bankrupt.Price,
                        $"{step.Describe()}: {absorbed} does not follow its bankrupt position's close at the same price ({bankrupt})");
                    taken += absorbed.Quantity;
                    break;
            }

            // The bankruptcy price of an isolated position nothing else touched first, from the state before the move.
            if (move.Events[i] is PositionLiquidated { Scope.Kind: MarginScopeKind.Isolated, Partial: false } closed
                && i + 1 < move.Events.Count
                && move.Events.Skip(i + 1).TakeWhile(e => e is not PositionLiquidated and not LiquidationStarted).Any(e => e is AutoDeleveraged or BackstopAbsorbed))
            {
                var key = new PositionKey(closed.Account, closed.Symbol, closed.Scope);
                if (move.FirstChangeOf(key) == i && move.PositionBefore(key) is { } position)
                {
                    var market = move.Market(closed.Symbol);
                    var collateral = before.GetValueOrDefault(LedgerAccount.PositionMargin(key, market.SettleAsset)) + move.ToppedUp(key);
                    var bankruptcy = market.Model.BankruptcyPrice(MarkMove.AsIsolated(market, position, collateral), market.Instrument.TickSize) ?? move.Mark;
                    Assert.True(closed.Price == bankruptcy, $"{step.Describe()} deleveraged {key} at {closed.Price}; with {collateral} of collateral its bankruptcy price is {bankruptcy}");
                }
            }
        }

        Settle();
    }
}
