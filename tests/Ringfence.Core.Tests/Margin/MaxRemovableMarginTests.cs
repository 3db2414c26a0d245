using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Tests.Instruments;

namespace Ringfence.Core.Tests.Margin;

/// <summary>
/// The most margin that can be removed leaves the position safe, and is the most: its wallet still covers maintenance
/// (Binance's rule), its equity still covers the initial margin at the mark and, on Hyperliquid, 10% of the notional —
/// and one unit more breaks one of those.
/// </summary>
public sealed class MaxRemovableMarginTests
{
    /// <summary>
    /// Positions at leverages their tiers admit (at entry and at the mark, 0.8–1.2 × entry), in tables whose maximum
    /// leverages a venue would publish, so that initial margin is well above maintenance.
    /// </summary>
    private static Gen<(MarginCase Case, Price Mark)> Cases =>
        from profile in Gen.Elements<VenueProfile>(VenueProfiles.All)
        from instrument in MarginCases.Instruments
        from side in MarginCases.Sides
        from fee in MarginCases.TakerFees
        from wanted in MarginCases.Leverages
        let entryNotional = instrument.Contract.Notional(instrument.Quantity, instrument.Entry, Rounding.Up)
        from specs in TierTables.AdmissibleAround(entryNotional, fee)
        from markPerMille in Gen.Choose(800, 1200)
        from extra in Gen.Frequency((1, Gen.Constant(0)), (3, Gen.Choose(-500, 2000)))
        from funding in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(-200, 200)))
        let mark = Price.FromUnits(instrument.Entry.Units / 1000 * markPerMille)
        let table = RiskTierTable.Create(specs)
        let leverage = Leverage.Min(wanted, Leverage.Min(
            table.ForNotional(entryNotional).MaxLeverage!.Value,
            table.ForNotional(instrument.Contract.Notional(instrument.Quantity, mark, Rounding.Up)).MaxLeverage!.Value))
        select (new MarginCase(profile, specs, fee, instrument.Contract, side, instrument.Quantity, instrument.Entry, leverage, extra, funding, Price.FromUnits(1)), mark);

    [Fact]
    public void Removing_the_maximum_keeps_the_position_above_maintenance_and_initial_margin()
    {
        PropertyCases.Verify(Cases, t =>
        {
            var (c, mark) = t;
            var removable = c.Model.MaxRemovableMargin(c.Position, mark, c.Leverage);
            Assert.False(removable.IsNegative);
            if (!removable.IsPositive)
            {
                return;
            }

            var after = c.Position.WithMarginChange(-removable);
            var equity = IsolatedMarginModel.Equity(after, mark);
            Assert.False(c.Model.IsLiquidatable(after, mark), $"liquidatable after removing {removable} at {mark}; {c}");
            Assert.True(equity >= InitialMarginAtMark(c, mark), $"equity {equity} below the initial margin at {mark} after removing {removable}; {c}");
            Assert.True(Fraction.Of(equity) >= TransferFloor(c, mark), $"equity {equity} below the transfer floor after removing {removable}; {c}");
            Assert.True(after.Margin >= c.Model.MaintenanceMargin(c.Position, mark), $"wallet {after.Margin} below maintenance; {c}");
        });
    }

    [Fact]
    public void Removing_one_unit_more_than_the_maximum_breaks_the_rule()
    {
        PropertyCases.Verify(Cases, t =>
        {
            var (c, mark) = t;
            var beyond = c.Model.MaxRemovableMargin(c.Position, mark, c.Leverage) + Money.FromUnits(1);
            var after = c.Position.WithMarginChange(-beyond);
            var equity = IsolatedMarginModel.Equity(after, mark);
            var keep = Money.Max(InitialMarginAtMark(c, mark), IsolatedMarginModel.Notional(c.Position, mark).MultiplyBy(c.Profile.TransferFloor, Rounding.Up));
            Assert.True(
                after.Margin < c.Model.MaintenanceMargin(c.Position, mark) || equity < keep,
                $"removing {beyond} still leaves wallet {after.Margin} and equity {equity} within the rule (keep {keep}); {c}");
        });
    }

    [Fact]
    public void Hyperliquid_keeps_ten_percent_of_the_notional_even_at_high_leverage()
    {
        // Long 1 BTC at 100,000 with 10,000 margin, mark 100,000, 40×: the wallet allows 10,000 − 1,250 of maintenance
        // and the initial margin 10,000 − 2,500; Hyperliquid also keeps 10% of the notional, 10,000 — all of it.
        var position = new IsolatedPosition(ContractSpec.Linear(), PositionSide.Long, Quantity.FromWhole(1), Price.FromWhole(100_000), Money.FromWhole(10_000));
        var hyperliquid = new IsolatedMarginModel(VenueProfiles.Hyperliquid, RiskTierTable.Flat(Rate.Parse("0.0125")), Rate.Zero);
        Assert.Equal(Money.Zero, hyperliquid.MaxRemovableMargin(position, Price.FromWhole(100_000), Leverage.FromWhole(40)));
        var binance = new IsolatedMarginModel(VenueProfiles.Binance, RiskTierTable.Flat(Rate.Parse("0.0125")), Rate.Zero);
        Assert.Equal(Money.FromWhole(7_500), binance.MaxRemovableMargin(position, Price.FromWhole(100_000), Leverage.FromWhole(40)));

        // In profit at 110,000 (equity 20,000) the wallet bound decides for both: 10,000 − 1,375.
        Assert.Equal(Money.FromWhole(8_625), hyperliquid.MaxRemovableMargin(position, Price.FromWhole(110_000), Leverage.FromWhole(40)));
    }

    [Fact]
    public void Nothing_can_be_removed_from_a_position_under_its_initial_margin()
    {
        var model = new IsolatedMarginModel(VenueProfiles.Binance, RiskTierTable.Flat(Rate.Parse("0.005")), Rate.Zero);
        var position = new IsolatedPosition(ContractSpec.Linear(), PositionSide.Long, Quantity.FromWhole(1), Price.FromWhole(20_000), Money.FromWhole(400));
        Assert.Equal(Money.Zero, model.MaxRemovableMargin(position, Price.FromWhole(19_990), Leverage.FromWhole(50)));
        Assert.Equal(Money.Zero, model.MaxRemovableMargin(position, Price.FromWhole(19_000), Leverage.FromWhole(50)));
    }

    private static Money InitialMarginAtMark(MarginCase c, Price mark) =>
        c.Model.InitialMargin(c.Position.Contract, c.Position.Side, c.Position.Quantity, mark, c.Leverage);

    private static Fraction TransferFloor(MarginCase c, Price mark) =>
        ExactMargin.Notional(c.Position, Fraction.Of(mark)) * Fraction.Of(c.Profile.TransferFloor);
}
