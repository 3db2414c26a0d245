using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Tests.Instruments;

namespace Ringfence.Core.Tests.Margin;

/// <summary>The largest size a collateral can open fits and is accepted; one lot more does not fit or is rejected.</summary>
public sealed class MaxQuantityTests
{
    private sealed record Opening(
        IsolatedMarginModel Model, ContractSpec Contract, PositionSide Side, Price Price, Money Collateral, Leverage Leverage, Quantity Lot, RiskTierSpec[] Specs)
    {
        public override string ToString() =>
            $"{Model.Profile.Name} {Contract.Type}(size {Contract.Size}) {Side} at {Price}, collateral {Collateral}, {Leverage}x, lot {Lot}, fee {Model.TakerFee}, " +
            $"tiers [{string.Join("; ", Specs.Select(s => $"≤{s.Cap?.ToString() ?? "∞"} mmr {s.MaintenanceRate} max {s.MaxLeverage?.ToString() ?? "-"}"))}]";
    }

    private static Gen<Opening> Openings =>
        from profile in Gen.Elements<VenueProfile>(VenueProfiles.All)
        from linear in Gen.Elements(true, false)
        from side in MarginCases.Sides
        from fee in MarginCases.TakerFees
        from priceCents in Draw.SpreadBetween(10_000, 20_000_000)
        from collateralUnits in linear ? Draw.SpreadBetween(10, 1_000_000).Select(w => w * FixedPoint.Scale) : Draw.SpreadBetween(1_000_000, 10_000_000_000)
        from leverageHundredths in Gen.Frequency((1, Gen.Choose(50, 99)), (8, Gen.Choose(100, 12_500)))
        from lot in linear ? Gen.Elements("0.001", "0.01", "0.1", "1", "10") : Gen.Elements("1", "10", "100")
        from size in linear ? Gen.Elements("1", "0.01") : Gen.Elements("1", "10", "100")
        let collateral = Money.FromUnits(collateralUnits)
        let leverage = Leverage.FromUnits(leverageHundredths * 1_000_000L)
        from specs in TierTables.Around(Money.FromUnits(collateral.Units / 100 * leverageHundredths))
        select new Opening(
            new IsolatedMarginModel(profile, RiskTierTable.Create(specs), fee),
            linear ? ContractSpec.Linear(Quantity.Parse(size)) : ContractSpec.Inverse(Quantity.Parse(size)),
            side, Price.FromUnits(priceCents * 1_000_000), collateral, leverage, Quantity.Parse(lot), specs);

    [Fact]
    public void The_largest_size_fits_and_one_lot_more_does_not()
    {
        PropertyCases.Verify(Openings, o =>
        {
            var quantity = o.Model.MaxQuantity(o.Contract, o.Side, o.Price, o.Collateral, o.Leverage, o.Lot);
            Assert.False(quantity.IsNegative);
            Assert.Equal(0, quantity.Units % o.Lot.Units);
            if (quantity.IsPositive)
            {
                Assert.True(Fits(o, quantity), $"{quantity} does not fit: IM {InitialMargin(o, quantity)}, {o.Model.CheckOpening(o.Contract, quantity, o.Price, o.Leverage)?.Code}; {o}");
            }

            var next = quantity + o.Lot;
            Assert.False(Fits(o, next), $"{next} also fits: IM {InitialMargin(o, next)}; {o}");
        });
    }

    [Fact]
    public void Below_one_times_leverage_nothing_can_be_opened()
    {
        var model = new IsolatedMarginModel(VenueProfiles.Binance, RiskTierTable.Flat(Rate.Parse("0.005")), Rate.Zero);
        Assert.Equal(Quantity.Zero, model.MaxQuantity(ContractSpec.Linear(), PositionSide.Long, Price.FromWhole(100), Money.FromWhole(1_000), Leverage.Parse("0.5"), Quantity.Parse("0.01")));
    }

    [Fact]
    public void The_tier_limit_caps_the_size_below_what_the_collateral_could_pay_for()
    {
        // 10,000 USDT at 20× could pay for 200,000 of notional, but above 50,000 only 10× is allowed: 50,000 ÷ 100 = 500 lots of 1.
        var table = RiskTierTable.Create(
        [
            new(Money.FromWhole(50_000), Rate.Parse("0.004"), null, Leverage.FromWhole(20)),
            new(null, Rate.Parse("0.005"), null, Leverage.FromWhole(10)),
        ]);
        var model = new IsolatedMarginModel(VenueProfiles.Binance, table, Rate.Zero);
        var quantity = model.MaxQuantity(ContractSpec.Linear(), PositionSide.Long, Price.FromWhole(100), Money.FromWhole(10_000), Leverage.FromWhole(20), Quantity.FromWhole(1));
        Assert.Equal(Quantity.FromWhole(500), quantity);
    }

    [Fact]
    public async Task A_search_bounded_by_the_largest_quantity_ends_and_finds_it()
    {
        // Inverse 10-USD contracts at 100 with 10×: the collateral pays for the largest representable size, so the
        // search's upper bound is long.MaxValue lots of 10⁻⁸. The middle of 0 and that bound once overflowed to a
        // negative size that "fit", and the search never ended.
        var model = new IsolatedMarginModel(VenueProfiles.Ringfence, RiskTierTable.Flat(Rate.Parse("0.01")), Rate.Zero);
        var contract = ContractSpec.Inverse(Quantity.FromWhole(10));
        var largest = Quantity.FromUnits(long.MaxValue);
        var collateral = model.InitialMargin(contract, PositionSide.Long, largest, Price.FromWhole(100), Leverage.FromWhole(10));

        var search = Task.Run(() => model.MaxQuantity(contract, PositionSide.Long, Price.FromWhole(100), collateral, Leverage.FromWhole(10), Quantity.FromUnits(1)));

        var finished = await Task.WhenAny(search, Task.Delay(TimeSpan.FromSeconds(30)));
        Assert.True(finished == search, "the search did not end");
        Assert.Equal(largest, await search);
    }

    [Fact]
    public void A_size_whose_notional_leaves_the_range_does_not_fit_rather_than_throw()
    {
        // Linear at 90,000,000,000: 2 units would already be worth more than the largest amount.
        var model = new IsolatedMarginModel(VenueProfiles.Ringfence, RiskTierTable.Flat(Rate.Parse("0.01")), Rate.Zero);
        var quantity = model.MaxQuantity(
            ContractSpec.Linear(), PositionSide.Long, Price.FromWhole(90_000_000_000), Money.Parse("92233720368.54775807"), Leverage.FromWhole(100), Quantity.FromWhole(1));
        Assert.Equal(Quantity.FromWhole(1), quantity);
    }

    [Fact]
    public void A_position_opened_at_a_leverage_fits_its_own_initial_margin()
    {
        // The initial margin of a size is exactly what that size needs: the size itself, in whole lots, always fits.
        var cases = from o in Openings from lots in Gen.Choose(1, 5_000) select (o, lots);
        PropertyCases.Verify(cases, t =>
        {
            var (o, lots) = t;
            var own = Quantity.FromUnits(o.Lot.Units * lots);
            if (o.Model.CheckOpening(o.Contract, own, o.Price, o.Leverage) is not null)
            {
                return;
            }

            var margin = InitialMargin(o, own);
            var quantity = o.Model.MaxQuantity(o.Contract, o.Side, o.Price, margin, o.Leverage, o.Lot);
            Assert.True(quantity >= own, $"{own} opened with {margin}, but the most that margin opens is {quantity}; {o}");
        });
    }

    [Fact]
    public void A_lot_that_is_not_positive_is_rejected()
    {
        var model = new IsolatedMarginModel(VenueProfiles.Binance, RiskTierTable.Flat(Rate.Parse("0.005")), Rate.Zero);
        Assert.Throws<ArgumentOutOfRangeException>(() =>
            model.MaxQuantity(ContractSpec.Linear(), PositionSide.Long, Price.FromWhole(100), Money.FromWhole(1_000), Leverage.FromWhole(10), Quantity.Zero));
    }

    private static Money InitialMargin(Opening o, Quantity quantity) => o.Model.InitialMargin(o.Contract, o.Side, quantity, o.Price, o.Leverage);

    private static bool Fits(Opening o, Quantity quantity) =>
        InitialMargin(o, quantity) <= o.Collateral && o.Model.CheckOpening(o.Contract, quantity, o.Price, o.Leverage) is null;
}
