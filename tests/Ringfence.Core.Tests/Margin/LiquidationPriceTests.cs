using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using static Ringfence.Core.Tests.Margin.PublishedExamples.Examples;

namespace Ringfence.Core.Tests.Margin;

/// <summary>Liquidation and bankruptcy prices in the corners the properties found or that they do not reach.</summary>
public sealed class LiquidationPriceTests
{
    [Fact]
    public void A_positive_first_tier_amount_lets_the_zero_floor_decide_in_a_higher_tier()
    {
        // Found by the liquidation property. Tier 2's piece, N × 1.46% − 1.87975501, is negative near the root, so the
        // requirement there is zero and the position is liquidated where equity is zero: 797.96 − 1.63850458/0.0751 = 776.1424.
        var table = RiskTierTable.Create([new(M("36.0759"), R("0.0007"), M("1.3783")), new(null, R("0.0146"))]);
        var model = new IsolatedMarginModel(VenueProfiles.Ringfence, table, R("0"));
        var position = Linear(PositionSide.Long, "0.0751", "797.96", "1.63850458");
        Assert.Equal(P("776.2"), model.LiquidationPrice(position, P("0.1")));
        Assert.True(model.IsLiquidatable(position, P("776.1")));
        Assert.False(model.IsLiquidatable(position, P("776.2")));
    }

    [Fact]
    public void An_inverse_short_whose_root_rounds_to_zero_is_liquidated_at_zero_not_thrown_at()
    {
        // Found by the calc fuzz test: margin −9e10 BTC puts the root near 1.1e-11, which rounds down to 0, and the
        // tier check of the entry tier's root looked up the inverse notional at 0 (ArgumentOutOfRangeException).
        var model = Model(VenueProfiles.Ringfence, "0.01");
        var position = Inverse(PositionSide.Short, "1", "1", "100", "-89999999999.999");
        Assert.Equal(P("0"), model.LiquidationPrice(position, P("0.00000001")));
        Assert.Equal(P("0"), model.BankruptcyPrice(position, P("0.00000001")));
    }

    [Fact]
    public void Equity_exactly_at_maintenance_is_liquidated()
    {
        // Bybit's example: long 1 BTC at 20,000 with 400 margin and 100 maintenance fixed at entry; at 19,700 equity is 100.
        var model = Model(VenueProfiles.Bybit, "0.005");
        var position = Linear(PositionSide.Long, "1", "20000", "400");
        Assert.Equal(M("100"), IsolatedMarginModel.Equity(position, P("19700")));
        Assert.True(model.IsLiquidatable(position, P("19700")));
        Assert.False(model.IsLiquidatable(position, P("19700.00000001")));
    }

    [Fact]
    public void The_reserved_fee_to_close_of_a_linear_short_is_not_below_the_exact_fee()
    {
        // Found by the reserve property: the bankruptcy price of a short, rounded down, gave a reserve 0.26 units short.
        // Exact: BP = (1000 × 14368.77 + 634718.40276288) / (1000 × 1.00052977) = 14995.5442…, fee 7944.18945788258….
        var model = Model(VenueProfiles.BybitUnified, "0.047", "0.00052977");
        var position = new IsolatedPosition(ContractSpec.Linear(Q("0.001")), PositionSide.Short, Q("1000000"), P("14368.77"), M("634718.40276288")).Validate();
        Assert.True(model.CloseFeeReserve(position) >= M("7944.18945789"), $"reserve {model.CloseFeeReserve(position)}");
    }

    [Fact]
    public void An_inverse_short_whose_prices_lie_beyond_the_range_still_gets_a_decision()
    {
        // 1× short of 10,000 × 100 USD at 50,000 (margin 20 BTC) that paid 10⁻⁸ BTC of funding: equity runs out only at
        // 1e6 × 0.995 × 50,000 / 0.0005 ≈ 9.95e13, beyond the largest price: no representable price liquidates it, so
        // both prices are null. The margin check must not fail either: the reserved fee to close is taken at the
        // largest price (the bankruptcy price lies beyond it too), where the inverse notional is larger still.
        var position = Inverse(PositionSide.Short, "10000", "100", "50000", "19.99999999");
        Assert.Null(Model(VenueProfiles.Binance, "0.005").LiquidationPrice(position, P("0.5")));
        Assert.Null(Model(VenueProfiles.Binance, "0.005").BankruptcyPrice(position, P("0.5")));

        var unified = Model(VenueProfiles.BybitUnified, "0.005", "0.00055");
        Assert.Equal(M("0.00000001"), unified.CloseFeeReserve(position)); // 1e6 / 92233720368.5 × 0.00055, rounded up
        Assert.False(unified.IsLiquidatable(position, P("50000")));
        Assert.False(unified.IsLiquidatable(position, P("90000000000")));
        Assert.Equal(M("0.10000001"), unified.MaintenanceMargin(position, P("50000"))); // 20 × 0.5% + the reserve
    }

    [Fact]
    public void A_fully_covered_long_or_inverse_short_has_no_liquidation_price()
    {
        var model = Model(VenueProfiles.Binance, "0.005");
        Assert.Null(model.LiquidationPrice(Linear(PositionSide.Long, "1", "20000", "20000"), P("0.01")));
        Assert.Null(model.LiquidationPrice(Inverse(PositionSide.Short, "10000", "100", "50000", "20.5"), P("0.5")));
        Assert.Null(model.BankruptcyPrice(Linear(PositionSide.Long, "1", "20000", "20000"), P("0.01")));
    }

    [Fact]
    public void A_position_liquidatable_at_every_price_gets_the_price_that_triggers_at_once()
    {
        var model = Model(VenueProfiles.Binance, "0.005");
        var tick = P("0.5");
        var broke = Inverse(PositionSide.Long, "10000", "100", "50000", "-30");
        Assert.Equal(Price.FromUnits(FixedPoint.MaxUnits).RoundTo(tick, Rounding.Down), model.LiquidationPrice(broke, tick));
        Assert.True(model.IsLiquidatable(broke, P("1000000")));
        var brokeShort = Linear(PositionSide.Short, "1", "100", "-200");
        Assert.Equal(tick, model.LiquidationPrice(brokeShort, tick));
        Assert.True(model.IsLiquidatable(brokeShort, P("0.5")));
    }

    [Fact]
    public void A_tick_that_is_not_positive_is_rejected()
    {
        var model = Model(VenueProfiles.Binance, "0.005");
        var position = Linear(PositionSide.Long, "1", "20000", "400");
        Assert.Throws<ArgumentOutOfRangeException>(() => model.LiquidationPrice(position, Price.Zero));
        Assert.Throws<ArgumentOutOfRangeException>(() => model.BankruptcyPrice(position, P("-0.01")));
    }

    [Fact]
    public void The_liquidation_price_is_solved_in_the_tier_that_contains_its_notional()
    {
        // Binance BTCUSDT 2021 brackets: a long of 10 BTC at 30,000 (notional 300,000, tier 3 at 1%, cum 1,300) with
        // 16,000 margin. In tier 3: (300,000 − 16,000 − 1,300)/(10 × 0.99) = 28,555.56, notional 285,555.6 — still tier 3.
        var table = RiskTierTable.Create([new(M("50000"), R("0.004")), new(M("250000"), R("0.005")), new(M("1000000"), R("0.01"))]);
        var model = new IsolatedMarginModel(VenueProfiles.Binance, table, R("0"));
        Assert.Equal(P("28555.56"), model.LiquidationPrice(Linear(PositionSide.Long, "10", "30000", "16000"), P("0.01")));

        // 60,000 margin: tier 3 gives 24,111.11 (notional 241,111: tier 2), so tier 2 applies: (300,000 − 60,000 − 50)/(10 × 0.995) = 24,115.58.
        var deeper = Linear(PositionSide.Long, "10", "30000", "60000");
        Assert.Equal(P("24115.58"), model.LiquidationPrice(deeper, P("0.01")));
        Assert.Equal(2, model.TierAt(deeper, P("24115.58")).Number);
    }
}
