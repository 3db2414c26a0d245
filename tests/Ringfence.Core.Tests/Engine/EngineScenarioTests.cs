using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Tests.Engine;

public sealed class EngineScenarioTests
{
    private static readonly AccountId Alice = AccountId.Create("alice");
    private static readonly AccountId Maker = AccountId.Create("mm");
    private static readonly Asset Usdt = Asset.Create("USDT");

    private static Instrument Btcusdt() => Instrument.Create("BTCUSDT", InstrumentKind.Perpetual, "BTC", "USDT", "USDT", ContractSpec.Linear(),
        Price.Parse("0.1"), Quantity.Parse("0.001"), Rate.Parse("0.0002"), Rate.Parse("0.00055"), Rate.Parse("0.005"),
        RiskTierTable.Flat(Rate.Parse("0.005"), maxLeverage: Leverage.FromWhole(100)));

    private static MarginEngine Seeded()
    {
        var engine = new MarginEngine();
        Command[] setup =
        [
            new CreateAccount(Alice), new CreateAccount(Maker),
            new Deposit(Alice, Usdt, Money.FromWhole(10_000)), new Deposit(Maker, Usdt, Money.FromWhole(1_000_000)),
            new ListInstrument(Btcusdt(), "bybit"), new UpdateMarkPrice("BTCUSDT", Price.FromWhole(20_000)),
        ];
        foreach (var command in setup)
        {
            Assert.True(engine.Execute(command).Accepted);
        }

        return engine;
    }

    [Fact]
    public void An_isolated_50x_long_allocates_its_initial_margin_and_shows_the_published_liquidation_price()
    {
        var engine = Seeded();
        var result = engine.Execute(new Trade("BTCUSDT", Price.FromWhole(20_000), Quantity.FromWhole(1),
            new TradeSide(Alice, MarginScope.Isolated, Leverage.FromWhole(50)), new TradeSide(Maker, MarginScope.Cross)));

        Assert.True(result.Accepted, result.Rejection?.Reason);
        var view = engine.View();
        var position = Assert.Single(view.Positions, p => p.Account == Alice);
        Assert.Equal(Money.FromWhole(400), position.Margin);
        Assert.Equal(Price.FromWhole(19_700), position.LiquidationPrice);
        Assert.Equal(Money.FromWhole(9_600), view.Accounts.Single(a => a.Id == Alice).Balances[Usdt]);
        Assert.All(view.Audit, a => Assert.True(a.Balances));
    }

    [Fact]
    public void A_rejected_trade_changes_nothing()
    {
        var engine = Seeded();
        var before = engine.Hash();
        var result = engine.Execute(new Trade("BTCUSDT", Price.FromWhole(20_000), Quantity.FromWhole(100),
            new TradeSide(Alice, MarginScope.Isolated, Leverage.FromWhole(50)), new TradeSide(Maker, MarginScope.Cross)));

        Assert.False(result.Accepted);
        Assert.Equal(RejectionCodes.InsufficientBalance, result.Rejection!.Code);
        Assert.Equal(before, engine.Hash());
    }

    [Fact]
    public void Funding_reduce_and_close_conserve_money_and_release_collateral()
    {
        var engine = Seeded();
        Assert.True(engine.Execute(new Trade("BTCUSDT", Price.FromWhole(20_000), Quantity.FromWhole(1),
            new TradeSide(Alice, MarginScope.Isolated, Leverage.FromWhole(10)), new TradeSide(Maker, MarginScope.Cross))).Accepted);
        var funding = engine.Execute(new ApplyFundingRate("BTCUSDT", Rate.Parse("0.0001")));
        Assert.True(funding.Accepted, funding.Rejection?.Reason);
        Assert.Contains(funding.Events, e => e is FundingPaid { Amount.Units: 2 * FixedPoint.Scale });

        var reduce = engine.Execute(new Trade("BTCUSDT", Price.FromWhole(21_000), Quantity.Parse("0.5"),
            new TradeSide(Maker, MarginScope.Cross), new TradeSide(Alice, MarginScope.Isolated)));
        Assert.True(reduce.Accepted, reduce.Rejection?.Reason);
        var close = engine.Execute(new Trade("BTCUSDT", Price.FromWhole(19_000), Quantity.Parse("0.5"),
            new TradeSide(Maker, MarginScope.Cross), new TradeSide(Alice, MarginScope.Isolated)));
        Assert.True(close.Accepted, close.Rejection?.Reason);

        var view = engine.View();
        Assert.DoesNotContain(view.Positions, p => p.Account == Alice);
        // 10,000 − 2 funding + 500 − 500 PnL.
        Assert.Equal(Money.FromWhole(9_998), view.Accounts.Single(a => a.Id == Alice).Balances[Usdt]);
        Assert.All(view.Audit, a => Assert.True(a.Balances));
    }
}
