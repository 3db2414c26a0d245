using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine.Handlers;

public sealed class FundingSettlementTests
{
    [Fact]
    public void A_flat_premium_settles_at_the_interest_rate_and_is_paid_from_the_isolated_margin()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));
        engine.Accept(new RecordFundingSample(Btcusdt, Price.FromWhole(19_990), Price.FromWhole(20_010)));

        var result = engine.Accept(new SettleFunding(Btcusdt));

        // Premium 0 (the mark lies between the impact prices); F = P + clamp(0.01% − P, ±0.05%) = 0.01%: 20,000 × 0.01% = 2.
        Assert.Contains(new FundingRateSettled(Btcusdt, Rate.Zero, Rate.Parse("0.0001"), false), result.Events);
        Assert.Contains(new FundingPaid(Alice, Btcusdt, MarginScope.Isolated, Rate.Parse("0.0001"), Money.FromWhole(2)), result.Events);
        Assert.Equal(Money.FromWhole(1_998), engine.Position(Alice, MarginScope.Isolated).Margin);
        Assert.Equal(Money.FromWhole(8_000), engine.Free(Alice));
    }

    [Fact]
    public void Under_bybit_funding_comes_from_the_available_balance_first()
    {
        var engine = new Ringfence.Core.Engine.MarginEngine();
        engine.AcceptAll(
            new CreateAccount(Alice), new CreateAccount(Maker),
            new Deposit(Alice, Usdt, Money.FromWhole(10_000)), new Deposit(Maker, Usdt, Money.FromWhole(1_000_000)),
            new ListInstrument(Linear(), "bybit"), new UpdateMarkPrice(Btcusdt, Price.FromWhole(20_000)));
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        engine.Accept(new ApplyFundingRate(Btcusdt, Rate.Parse("0.0001")));

        Assert.Equal(Money.FromWhole(2_000), engine.Position(Alice, MarginScope.Isolated).Margin);
        Assert.Equal(Money.FromWhole(7_998), engine.Free(Alice));
    }

    [Fact]
    public void Settling_without_samples_is_rejected()
    {
        var engine = Open();
        engine.Reject(new SettleFunding(Btcusdt), RejectionCodes.NotApplicable);
    }
}
