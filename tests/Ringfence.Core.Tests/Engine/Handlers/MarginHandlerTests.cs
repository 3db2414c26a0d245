using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine.Handlers;

public sealed class MarginHandlerTests
{
    [Fact]
    public void Added_margin_comes_from_the_free_balance_and_moves_the_liquidation_price_away()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));
        var before = engine.Position(Alice, MarginScope.Isolated).LiquidationPrice!.Value;

        var result = engine.Accept(new AddMargin(Alice, Btcusdt, Money.FromWhole(1_000)));

        var added = Assert.IsType<MarginAdded>(Assert.Single(result.Events));
        Assert.Equal(Money.FromWhole(3_000), added.Margin);
        Assert.True(added.LiquidationPrice < before, $"liquidation price {added.LiquidationPrice} should be below {before}");
        Assert.Equal(Money.FromWhole(7_000), engine.Free(Alice));
    }

    [Fact]
    public void Removing_margin_is_bounded_by_what_the_initial_margin_at_mark_leaves_REMOVE_EXCEEDS_MAX()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));
        engine.Accept(new AddMargin(Alice, Btcusdt, Money.FromWhole(1_000)));

        // min(3,000 − 100 maintenance, 3,000 equity − 2,000 initial at mark) = 1,000.
        engine.Reject(new RemoveMargin(Alice, Btcusdt, Money.Parse("1000.00000001")), RejectionCodes.RemoveExceedsMax);
        var removed = Assert.IsType<MarginRemoved>(Assert.Single(engine.Accept(new RemoveMargin(Alice, Btcusdt, Money.FromWhole(1_000))).Events));

        Assert.Equal(Money.FromWhole(2_000), removed.Margin);
        Assert.Equal(Money.FromWhole(8_000), engine.Free(Alice));
    }

    [Fact]
    public void Unrealized_profit_lets_more_margin_be_removed_but_never_below_the_initial_margin_at_mark()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));
        engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(21_000)));

        // min(2,000 − 105 maintenance, 2,000 + 1,000 profit − 2,100 initial at mark) = 900.
        engine.Reject(new RemoveMargin(Alice, Btcusdt, Money.Parse("900.00000001")), RejectionCodes.RemoveExceedsMax);
        engine.Accept(new RemoveMargin(Alice, Btcusdt, Money.FromWhole(900)));

        Assert.Equal(Money.FromWhole(1_100), engine.Position(Alice, MarginScope.Isolated).Margin);
    }

    [Fact]
    public void Lowering_the_leverage_is_funded_from_the_free_balance_up_to_the_new_initial_margin()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        var result = engine.Accept(new SetLeverage(Alice, Btcusdt, Leverage.FromWhole(5), MarginScope.Isolated));

        Assert.Equal(new LeverageChanged(Alice, Btcusdt, MarginScope.Isolated, Leverage.FromWhole(5), Money.FromWhole(2_000)), Assert.Single(result.Events));
        Assert.Equal(Money.FromWhole(4_000), engine.Position(Alice, MarginScope.Isolated).Margin);
        Assert.Equal(Money.FromWhole(6_000), engine.Free(Alice));
    }

    [Fact]
    public void Lowering_the_leverage_without_the_free_balance_to_fund_it_is_rejected_INSUFFICIENT_BALANCE()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 2), Cross(Maker)));

        // 1× needs 20,000 of collateral: 10,000 more than the position holds, and alice's free balance is empty.
        engine.Reject(new SetLeverage(Alice, Btcusdt, Leverage.One, MarginScope.Isolated), RejectionCodes.InsufficientBalance);
    }

    [Fact]
    public void Raising_the_leverage_moves_no_collateral_but_frees_the_surplus_for_removal()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        var result = engine.Accept(new SetLeverage(Alice, Btcusdt, Leverage.FromWhole(20), MarginScope.Isolated));

        Assert.Empty(result.Postings);
        Assert.Equal(Money.Zero, Assert.IsType<LeverageChanged>(Assert.Single(result.Events)).MarginAdded);
        // Initial margin at 20× is 1,000: the other 1,000 can now leave.
        engine.Accept(new RemoveMargin(Alice, Btcusdt, Money.FromWhole(1_000)));
        Assert.Equal(Money.FromWhole(9_000), engine.Free(Alice));
    }

    [Fact]
    public void A_leverage_above_the_tier_maximum_cannot_be_set_LEVERAGE_ABOVE_TIER_MAX()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        engine.Reject(new SetLeverage(Alice, Btcusdt, Leverage.FromWhole(125), MarginScope.Isolated), RejectionCodes.LeverageAboveTierMax);
    }

    [Fact]
    public void Margin_can_be_added_only_to_an_isolated_position_UNKNOWN_POSITION()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Cross(Alice), Cross(Maker)));

        engine.Reject(new AddMargin(Alice, Btcusdt, Money.FromWhole(100)), RejectionCodes.UnknownPosition);
    }
}
