using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine.Handlers;

public sealed class MarketHandlerTests
{
    [Fact]
    public void Auto_top_up_brings_a_falling_position_back_to_its_initial_margin_at_mark()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 50), Cross(Maker)));
        engine.Accept(new SetAutoTopUp(Alice, Btcusdt, true, Money.FromWhole(1_000)));

        var result = engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_650)));

        // Equity 400 − 350 = 50 is below maintenance 98.25; the target is 19,650 ÷ 50 = 393, so 343 moves.
        Assert.Contains(new MarginToppedUp(Alice, Btcusdt, Money.FromWhole(343), Money.FromWhole(743), Money.FromWhole(657)), result.Events);
        Assert.DoesNotContain(result.Events, e => e is LiquidationStarted);
        Assert.Equal(Money.FromWhole(9_257), engine.Free(Alice));
    }

    [Fact]
    public void Auto_top_up_stops_at_its_cap_and_then_the_position_is_liquidated_from_its_own_collateral()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 50), Cross(Maker)));
        engine.Accept(new SetAutoTopUp(Alice, Btcusdt, true, Money.FromWhole(300)));

        var first = engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_650)));
        var second = engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_350)));

        Assert.Contains(new MarginToppedUp(Alice, Btcusdt, Money.FromWhole(300), Money.FromWhole(700), Money.Zero), first.Events);
        Assert.DoesNotContain(second.Events, e => e is MarginToppedUp);
        // Equity 700 − 650 = 50 against maintenance 19,350 × 0.5% = 96.75: liquidated at the mark (no liquidity model),
        // the fee (19,350 × 0.5% = 96.75) capped at the 50 left, all of it to the insurance fund.
        Assert.Contains(new LiquidationStarted(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Quantity.FromWhole(1), Price.FromWhole(19_350),
            Money.FromWhole(50), Money.Parse("96.75")), second.Events);
        Assert.Contains(new PositionLiquidated(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Quantity.FromWhole(1), Price.FromWhole(19_350),
            false, Money.FromWhole(-650), Money.FromWhole(50), Money.Zero), second.Events);
        Assert.Equal(Money.FromWhole(9_300), engine.Free(Alice));
        Assert.False(engine.HasPosition(Alice, MarginScope.Isolated));
        Assert.Equal(Money.FromWhole(50), engine.View().InsuranceFunds[Btcusdt]);
    }

    [Fact]
    public void Without_auto_top_up_a_position_below_maintenance_is_liquidated_and_the_free_balance_is_untouched()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 50), Cross(Maker)));

        var result = engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_650)));

        Assert.Contains(result.Events, e => e is PositionLiquidated { Symbol: Btcusdt, Fee.Units: 50 * FixedPoint.Scale } liquidated && liquidated.Account == Alice);
        Assert.DoesNotContain(result.Postings, p => p.From == Ringfence.Core.Ledger.LedgerAccount.Free(Alice, Usdt) || p.To == Ringfence.Core.Ledger.LedgerAccount.Free(Alice, Usdt));
        Assert.Equal(Money.FromWhole(9_600), engine.Free(Alice));
    }
}
