using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Instruments;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine.Handlers;

public sealed class TradeHandlerTests
{
    [Fact]
    public void Opening_an_isolated_position_moves_notional_over_leverage_from_the_free_balance_into_its_margin()
    {
        var engine = Open();

        var result = engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        Assert.Contains(new PositionOpened(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Quantity.FromWhole(1), Price.FromWhole(20_000),
            Money.FromWhole(2_000), Leverage.FromWhole(10)), result.Events);
        Assert.Equal(
            new Posting(LedgerAccount.Free(Alice, Usdt), LedgerAccount.PositionMargin(new(Alice, Btcusdt, MarginScope.Isolated), Usdt), Money.FromWhole(2_000)),
            Assert.Single(result.Postings));
        Assert.Equal(Money.FromWhole(8_000), engine.Free(Alice));
        Assert.Equal(Money.FromWhole(2_000), engine.Position(Alice, MarginScope.Isolated).Margin);
    }

    [Fact]
    public void Opening_with_an_explicit_margin_allocates_it_and_records_the_leverage_it_implies()
    {
        var engine = Open();

        engine.Accept(Match("1", "20000", new(Alice, MarginScope.Isolated, Margin: Money.FromWhole(2_500)), Cross(Maker)));

        var position = engine.Position(Alice, MarginScope.Isolated);
        Assert.Equal(Money.FromWhole(2_500), position.Margin);
        Assert.Equal(Leverage.FromWhole(8), position.Leverage);
        Assert.Equal(Money.FromWhole(7_500), engine.Free(Alice));
    }

    [Fact]
    public void Increasing_a_linear_position_averages_the_entry_by_quantity_and_allocates_the_added_margin()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        var result = engine.Accept(Match("3", "21000", Isolated(Alice), Cross(Maker)));

        // (1 × 20,000 + 3 × 21,000) ÷ 4 = 20,750; 3 × 21,000 ÷ 10 = 6,300 more margin.
        Assert.Contains(new PositionChanged(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Quantity.FromWhole(4), Price.FromWhole(20_750),
            Money.FromWhole(6_300), Money.Zero), result.Events);
        Assert.Equal(Money.FromWhole(8_300), engine.Position(Alice, MarginScope.Isolated).Margin);
        Assert.Equal(Money.FromWhole(1_700), engine.Free(Alice));
    }

    [Fact]
    public void Increasing_an_inverse_position_averages_the_entry_harmonically()
    {
        var engine = Open(Inverse());
        engine.AcceptAll(new Deposit(Alice, Btc, Money.FromWhole(1)), new Deposit(Maker, Btc, Money.FromWhole(100)));
        engine.Accept(Match("100", "20000", Isolated(Alice, 10), Cross(Maker), Btcusd));
        engine.Accept(new UpdateMarkPrice(Btcusd, Price.FromWhole(30_000)));

        engine.Accept(Match("100", "30000", Isolated(Alice), Cross(Maker), Btcusd));

        // 200 contracts ÷ (100 ÷ 20,000 + 100 ÷ 30,000) = 24,000, where a quantity-weighted mean would say 25,000.
        var position = engine.Position(Alice, MarginScope.Isolated, Btcusd);
        Assert.Equal(Price.FromWhole(24_000), position.EntryPrice);
        // 0.05 BTC for 10,000 USD at 20,000, then 10,000 USD at 30,000 = 0.33333334 BTC (rounded up) ÷ 10, rounded up.
        Assert.Equal(Money.Parse("0.08333334"), position.Margin);
    }

    [Fact]
    public void Reducing_returns_the_closed_share_of_the_collateral_and_the_profit_to_the_free_balance()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        var result = engine.Accept(Match("0.25", "22000", Cross(Maker), Isolated(Alice)));

        // A quarter of 2,000 plus 0.25 × 2,000 profit.
        Assert.Contains(new PositionChanged(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Quantity.Parse("0.75"), Price.FromWhole(20_000),
            Money.FromWhole(-1_000), Money.FromWhole(500)), result.Events);
        Assert.Equal(Money.FromWhole(9_000), engine.Free(Alice));
        Assert.Equal(Money.FromWhole(1_500), engine.Position(Alice, MarginScope.Isolated).Margin);
    }

    [Fact]
    public void A_loss_beyond_the_closed_share_is_borne_by_the_remaining_collateral_not_the_free_balance()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        var result = engine.Accept(Match("0.5", "17000", Cross(Maker), Isolated(Alice)));

        // The half's share is 1,000 but it lost 1,500: nothing is released, and the position keeps 2,000 − 1,500.
        Assert.Contains(new PositionChanged(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Quantity.Parse("0.5"), Price.FromWhole(20_000),
            Money.Zero, Money.FromWhole(-1_500)), result.Events);
        Assert.Equal(Money.FromWhole(8_000), engine.Free(Alice));
        Assert.Equal(Money.FromWhole(500), engine.Position(Alice, MarginScope.Isolated).Margin);
        Assert.DoesNotContain(result.Postings, p => p.From == LedgerAccount.Free(Alice, Usdt));
    }

    [Fact]
    public void Closing_returns_the_remaining_collateral_and_the_realized_profit()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        var result = engine.Accept(Match("1", "21000", Cross(Maker), Isolated(Alice)));

        Assert.Contains(new PositionClosed(Alice, Btcusdt, MarginScope.Isolated, Money.FromWhole(1_000), Money.FromWhole(3_000)), result.Events);
        Assert.False(engine.HasPosition(Alice, MarginScope.Isolated));
        Assert.Equal(Money.FromWhole(11_000), engine.Free(Alice));
        Assert.DoesNotContain(engine.TakeSnapshot().Balances, b => b.Key.Kind == LedgerAccountKind.PositionMargin && b.Key.Owner.StartsWith("alice/", StringComparison.Ordinal));
    }

    [Fact]
    public void Trading_through_zero_closes_the_position_and_opens_the_rest_on_the_other_side_at_the_same_leverage()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        var result = engine.Accept(Match("1.5", "21000", Cross(Maker), Isolated(Alice)));

        Assert.Equal(
            [nameof(PositionClosed), nameof(PositionOpened)],
            result.Events.Where(e => (e is PositionClosed closed && closed.Account == Alice) || (e is PositionOpened opened && opened.Account == Alice)).Select(e => e.Type));
        Assert.Contains(new PositionClosed(Alice, Btcusdt, MarginScope.Isolated, Money.FromWhole(1_000), Money.FromWhole(3_000)), result.Events);
        Assert.Contains(new PositionOpened(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Short, Quantity.Parse("0.5"), Price.FromWhole(21_000),
            Money.FromWhole(1_050), Leverage.FromWhole(10)), result.Events);
        Assert.Equal(Money.FromWhole(9_950), engine.Free(Alice));
    }

    [Fact]
    public void The_aggressor_pays_the_taker_fee_and_the_other_side_the_maker_fee()
    {
        var engine = Open();

        var result = engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)) with { Aggressor = TradeAggressor.Buyer });

        Assert.Contains(new FeeCharged(Alice, Btcusdt, MarginScope.Isolated, Money.FromWhole(11)), result.Events);
        Assert.Contains(new FeeCharged(Maker, Btcusdt, MarginScope.Cross, Money.FromWhole(4)), result.Events);
        Assert.Equal(Money.FromWhole(7_989), engine.Free(Alice));
    }

    [Fact]
    public void An_isolated_side_cannot_pay_its_fee_out_of_what_its_cross_positions_need()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Cross(Bob), Cross(Maker))); // bob's cross long needs 1,000 at 20×
        var opening = Match("0.45", "20000", new(Bob, MarginScope.Isolated, Margin: Money.FromWhole(9_000)), Cross(Maker)) with { Aggressor = TradeAggressor.Buyer };

        // The 9,000 collateral uses all that is available; the 4.95 taker fee would eat into the cross requirement.
        engine.Reject(opening, RejectionCodes.InsufficientBalance);
        engine.Accept(opening with { Buyer = new(Bob, MarginScope.Isolated, Margin: Money.Parse("8995.05")) });
        Assert.Equal(Money.FromWhole(1_000), engine.Free(Bob));
    }

    [Fact]
    public void A_side_without_the_collateral_rejects_the_whole_trade_INSUFFICIENT_BALANCE() =>
        Open().Reject(Match("10", "20000", Isolated(Alice, 10), Cross(Maker)), RejectionCodes.InsufficientBalance);

    [Fact]
    public void A_leverage_above_the_maximum_of_the_tier_the_notional_falls_in_is_rejected_LEVERAGE_ABOVE_TIER_MAX()
    {
        var engine = Open(Linear(TwoTiers()));

        // 30 × 20,000 = 600,000 lies in the second tier, where 20× is the most.
        var rejection = engine.Reject(Match("30", "20000", Isolated(Alice, 50), Cross(Maker)), RejectionCodes.LeverageAboveTierMax);

        Assert.Contains("600000", rejection.Reason, StringComparison.Ordinal);
        engine.Accept(Match("20", "20000", Isolated(Bob, 50), Cross(Maker)));
    }

    [Fact]
    public void A_notional_beyond_the_last_tier_cap_is_rejected_NOTIONAL_ABOVE_MAX_TIER() =>
        Open(Linear(TwoTiers())).Reject(Match("100.001", "20000", Isolated(Alice, 1), Cross(Maker)), RejectionCodes.NotionalAboveMaxTier);

    [Fact]
    public void A_side_that_adds_to_an_isolated_position_with_both_leverage_and_margin_is_refused_as_when_opening()
    {
        // Issue 9: the margin used to win silently when the side added to a position instead of opening it.
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        engine.Reject(Match("1", "20000", new(Alice, MarginScope.Isolated, Leverage.FromWhole(10), Money.FromWhole(2_000)), Cross(Maker)),
            RejectionCodes.MarginSpecification);
        engine.Reject(Match("2", "20000", Cross(Maker), new(Alice, MarginScope.Isolated, Leverage.FromWhole(10), Money.FromWhole(2_000))),
            RejectionCodes.MarginSpecification);
    }

    [Fact]
    public void A_new_isolated_side_must_give_a_leverage_or_a_margin_but_not_both_MARGIN_SPECIFICATION()
    {
        var engine = Open();

        engine.Reject(Match("1", "20000", Isolated(Alice), Cross(Maker)), RejectionCodes.MarginSpecification);
        engine.Reject(Match("1", "20000", new(Alice, MarginScope.Isolated, Leverage.FromWhole(10), Money.FromWhole(2_000)), Cross(Maker)),
            RejectionCodes.MarginSpecification);
        engine.Reject(Match("1", "20000", new(Alice, MarginScope.Cross, Margin: Money.FromWhole(2_000)), Cross(Maker)), RejectionCodes.MarginSpecification);
    }

    [Fact]
    public void An_account_cannot_trade_with_itself_even_across_scopes_SELF_TRADE() =>
        Open().Reject(Match("1", "20000", Isolated(Alice, 10), Cross(Alice)), RejectionCodes.SelfTrade);

    [Fact]
    public void A_price_off_the_tick_or_a_size_off_the_lot_is_rejected_OFF_INCREMENT()
    {
        var engine = Open();

        engine.Reject(Match("1", "20000.05", Isolated(Alice, 10), Cross(Maker)), RejectionCodes.OffIncrement);
        engine.Reject(Match("0.0005", "20000", Isolated(Alice, 10), Cross(Maker)), RejectionCodes.OffIncrement);
    }

    [Fact]
    public void Closing_an_isolated_position_beyond_its_bankruptcy_price_is_rejected_BEYOND_BANKRUPTCY()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        // Bankrupt at 18,000: closing at 17,000 would lose 3,000 of a 2,000 collateral.
        engine.Reject(Match("1", "17000", Cross(Maker), Isolated(Alice)), RejectionCodes.BeyondBankruptcy);
        engine.Accept(Match("1", "18000", Cross(Maker), Isolated(Alice)));
        Assert.Equal(Money.FromWhole(8_000), engine.Free(Alice));
    }

    [Fact]
    public void An_isolated_position_that_would_start_at_or_below_maintenance_at_mark_is_rejected_INSUFFICIENT_MARGIN() =>
        // 408 of margin at 50×, 400 under water at the mark of 20,000: equity 8, maintenance 100.
        Open().Reject(Match("1", "20400", Isolated(Alice, 50), Cross(Maker)), RejectionCodes.InsufficientMargin);

    private static RiskTierTable TwoTiers() => RiskTierTable.Create(
    [
        new RiskTierSpec(Money.FromWhole(500_000), Rate.Parse("0.005"), MaxLeverage: Leverage.FromWhole(100)),
        new RiskTierSpec(Money.FromWhole(2_000_000), Rate.Parse("0.01"), MaxLeverage: Leverage.FromWhole(20)),
    ]);
}
