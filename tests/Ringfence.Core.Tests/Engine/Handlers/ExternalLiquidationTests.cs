using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine.Handlers;

/// <summary>Liquidations executed by an external matching engine: orders out, fills back.</summary>
public sealed class ExternalLiquidationTests
{
    private static MarginEngine InLiquidation()
    {
        var engine = new MarginEngine();
        engine.AcceptAll(
            new CreateAccount(Alice), new CreateAccount(Bob), new CreateAccount(Maker),
            new Deposit(Alice, Usdt, Money.FromWhole(10_000)), new Deposit(Bob, Usdt, Money.FromWhole(10_000)),
            new Deposit(Maker, Usdt, Money.FromWhole(1_000_000)),
            new ListInstrument(Linear(), "ringfence") { Execution = LiquidationExecution.External },
            new UpdateMarkPrice(Btcusdt, Price.FromWhole(20_000)));
        engine.Accept(Match("1", "20000", Isolated(Alice, 50), Cross(Maker)));
        return engine;
    }

    private static LiquidationFill Fill(string quantity, string price) =>
        new(Btcusdt, Alice, MarginScope.Isolated, Price.Parse(price), Quantity.Parse(quantity), Cross(Bob));

    [Fact]
    public void A_liquidatable_position_gets_an_order_limited_at_its_bankruptcy_price_and_is_frozen()
    {
        var engine = InLiquidation();

        var result = engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_650)));

        // Margin 400 on 1 BTC at 20,000: bankruptcy at 19,600; the order sells the whole long.
        Assert.Contains(new LiquidationOrderIssued(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Short, Quantity.FromWhole(1), Price.FromWhole(19_600)), result.Events);
        Assert.DoesNotContain(result.Events, e => e is PositionLiquidated);
        engine.Reject(Match("0.5", "19650", Cross(Maker), Isolated(Alice)), RejectionCodes.InLiquidation);
        engine.Reject(new RemoveMargin(Alice, Btcusdt, Money.FromWhole(1)), RejectionCodes.InLiquidation);

        // A second mark in the zone issues no second order.
        Assert.DoesNotContain(engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_640))).Events, e => e is LiquidationOrderIssued);
    }

    [Fact]
    public void A_fill_closes_the_position_with_the_fee_capped_at_what_is_left_and_the_owner_keeps_the_free_balance()
    {
        var engine = InLiquidation();
        engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_650)));

        var result = engine.Accept(Fill("1", "19640"));

        // PnL −360 leaves 40 of 400; the fee 19,640 × 0.5% = 98.2 is capped at 40, all to the insurance fund.
        Assert.Contains(new PositionLiquidated(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Quantity.FromWhole(1), Price.FromWhole(19_640),
            false, Money.FromWhole(-360), Money.FromWhole(40), Money.Zero), result.Events);
        Assert.False(engine.HasPosition(Alice, MarginScope.Isolated));
        Assert.Equal(Quantity.FromWhole(1), engine.Position(Bob, MarginScope.Cross).Quantity);
        Assert.Equal(Money.FromWhole(9_600), engine.Free(Alice));
        Assert.Equal(Money.FromWhole(40), engine.View().InsuranceFunds[Btcusdt]);
    }

    [Fact]
    public void A_position_back_at_its_initial_margin_leaves_liquidation()
    {
        var engine = InLiquidation();
        engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_650)));

        // At 20,100 equity is 500, above the initial margin 20,100 ÷ 50 = 402: the order is withdrawn.
        var result = engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(20_100)));

        Assert.Contains(new LiquidationCancelled(Alice, Btcusdt, MarginScope.Isolated), result.Events);
        engine.Reject(Fill("1", "20100"), RejectionCodes.NotApplicable);
    }

    [Fact]
    public void A_fill_beyond_bankruptcy_that_the_fund_cannot_cover_is_rejected()
    {
        var engine = InLiquidation();
        engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_650)));

        // At 19,500 the loss is 500, 100 beyond the 400 of margin, and the fund is empty.
        engine.Reject(Fill("1", "19500"), RejectionCodes.InsufficientInsurance);
    }

    [Fact]
    public void A_bankrupt_position_the_fund_cannot_carry_is_deleveraged_on_the_next_mark()
    {
        var engine = InLiquidation();
        engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_650)));

        var result = engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_400)));

        // Equity 400 − 600 < 0 with an empty fund: closed at the bankruptcy price 19,600 against the maker's short.
        Assert.Contains(new AutoDeleveraged(Maker, Btcusdt, MarginScope.Cross, PositionSide.Short, Quantity.FromWhole(1), Price.FromWhole(19_600), Alice), result.Events);
        Assert.False(engine.HasPosition(Alice, MarginScope.Isolated));
        Assert.Equal(Money.FromWhole(9_600), engine.Free(Alice));
    }
}
