using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine.Handlers;

public sealed class FundingHandlerTests
{
    [Fact]
    public void Funding_moves_notional_at_mark_times_rate_from_payers_to_receivers_and_creates_no_money()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        var result = engine.Accept(new ApplyFundingRate(Btcusdt, Rate.Parse("0.0001")));

        // Longs pay shorts 20,000 × 0.01% = 2: from alice's position margin, into the maker's free balance.
        Assert.Contains(new FundingPaid(Alice, Btcusdt, MarginScope.Isolated, Rate.Parse("0.0001"), Money.FromWhole(2)), result.Events);
        Assert.Contains(new FundingPaid(Maker, Btcusdt, MarginScope.Cross, Rate.Parse("0.0001"), Money.FromWhole(-2)), result.Events);
        Assert.Equal(Money.FromWhole(1_998), engine.Position(Alice, MarginScope.Isolated).Margin);
        Assert.Equal(Money.FromWhole(8_000), engine.Free(Alice));
        Assert.Equal(Money.FromWhole(1_000_002), engine.Free(Maker));
        Assert.Equal(Money.Zero, engine.View().InsuranceFunds[Btcusdt]);
    }

    [Fact]
    public void A_negative_rate_makes_shorts_pay_longs()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Cross(Maker), Isolated(Alice, 10)));

        var result = engine.Accept(new ApplyFundingRate(Btcusdt, Rate.Parse("-0.0005")));

        Assert.Contains(new FundingPaid(Alice, Btcusdt, MarginScope.Isolated, Rate.Parse("-0.0005"), Money.FromWhole(10)), result.Events);
        Assert.Equal(Money.FromWhole(1_990), engine.Position(Alice, MarginScope.Isolated).Margin);
    }

    [Fact]
    public void An_isolated_payer_pays_no_more_than_its_collateral_and_receivers_share_what_was_paid()
    {
        var engine = Open();
        engine.Accept(Match("0.3", "20000", Isolated(Alice, 100), Cross(Bob)));
        engine.Accept(Match("0.7", "20000", Isolated(Alice), Cross(Maker)));

        var result = engine.Accept(new ApplyFundingRate(Btcusdt, Rate.Parse("0.5")));

        // Owed 20,000 × 50% = 10,000; the position holds 200. Bob is owed 3,000 and the maker 7,000: they get 30% and 70% of 200.
        Assert.Contains(new FundingShortfall(Btcusdt, Money.FromWhole(10_000), Money.FromWhole(200)), result.Events);
        Assert.Contains(new FundingPaid(Alice, Btcusdt, MarginScope.Isolated, Rate.Parse("0.5"), Money.FromWhole(200)), result.Events);
        Assert.Contains(new FundingPaid(Bob, Btcusdt, MarginScope.Cross, Rate.Parse("0.5"), Money.FromWhole(-60)), result.Events);
        Assert.Contains(new FundingPaid(Maker, Btcusdt, MarginScope.Cross, Rate.Parse("0.5"), Money.FromWhole(-140)), result.Events);
        Assert.Equal(Money.FromWhole(9_800), engine.Free(Alice));
        Assert.Equal(Money.Zero, engine.Position(Alice, MarginScope.Isolated).Margin);
    }

    [Fact]
    public void Funding_needs_a_mark_price_and_a_rate_strictly_between_minus_one_and_one()
    {
        var engine = Open();
        engine.Accept(new ListInstrument(Linear() with { Symbol = "ETHUSDT" }, "ringfence"));

        engine.Reject(new ApplyFundingRate("ETHUSDT", Rate.Parse("0.0001")), RejectionCodes.NoMarkPrice);
        engine.Reject(new ApplyFundingRate(Btcusdt, Rate.One), RejectionCodes.InvalidValue);
        engine.Reject(new ApplyFundingRate(Btcusdt, -Rate.One), RejectionCodes.InvalidValue);
    }
}
