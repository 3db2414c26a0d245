using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Margin;

/// <summary>The two margin-ratio conventions, their rounding, where they are undefined, and how they read liquidation.</summary>
public sealed class MarginRatioTests
{
    private static Gen<long> Amounts => Draw.SpreadBetween(0, 1_000_000_000 * FixedPoint.Scale).Zip(Draw.Sign, (u, s) => u * s);

    [Fact]
    public void Maintenance_over_equity_is_rounded_up_and_undefined_without_positive_equity()
    {
        var cases = Amounts.Zip(Amounts.Select(Math.Abs)).Where(t => t.Item1 <= 0 || (double)t.Item2 / t.Item1 < 1e9);
        PropertyCases.Verify(cases, t =>
        {
            var (equity, maintenance) = (Money.FromUnits(t.Item1), Money.FromUnits(t.Item2));
            var ratio = MarginRatioConvention.MaintenanceOverEquity.Compute(equity, maintenance, Money.FromWhole(1));
            if (!equity.IsPositive)
            {
                Assert.Null(ratio);
                return;
            }

            Assert.Equal((Fraction.Of(maintenance) / Fraction.Of(equity)).CeilingUnits(), ratio!.Value.Units);
        });
    }

    [Fact]
    public void Equity_over_notional_is_rounded_down_and_undefined_without_notional()
    {
        var cases = Amounts.Zip(Amounts).Where(t => t.Item2 <= 0 || Math.Abs((double)t.Item1 / t.Item2) < 1e9);
        PropertyCases.Verify(cases, t =>
        {
            var (equity, notional) = (Money.FromUnits(t.Item1), Money.FromUnits(t.Item2));
            var ratio = MarginRatioConvention.EquityOverNotional.Compute(equity, Money.FromWhole(1), notional);
            if (!notional.IsPositive)
            {
                Assert.Null(ratio);
                return;
            }

            Assert.Equal((Fraction.Of(equity) / Fraction.Of(notional)).FloorUnits(), ratio!.Value.Units);
        });
    }

    [Fact]
    public void The_ratio_reads_liquidation_the_way_its_convention_says()
    {
        var cases = from c in MarginCases.Any from perMille in Gen.Choose(250, 4000) select (c, perMille);
        PropertyCases.Verify(cases, t =>
        {
            var (c, perMille) = t;
            var mark = Price.FromUnits(c.Position.EntryPrice.Units / 1000 * perMille);
            var ratio = c.Model.MarginRatio(c.Position, mark);
            var liquidatable = c.Model.IsLiquidatable(c.Position, mark);
            if (c.Profile.MarginRatio == MarginRatioConvention.EquityOverNotional)
            {
                // OKX: liquidated at MMR + fee rate or below; a ratio above that line is never liquidatable.
                var line = c.Model.TierAt(c.Position, mark).MaintenanceRate + c.TakerFee;
                Assert.NotNull(ratio);
                Assert.True(!liquidatable || ratio <= line, $"liquidatable with ratio {ratio} above {line}; {c}");
            }
            else
            {
                // Liquidated at 100%: liquidation always shows at least 100% (or no ratio: no equity); under 100% is safe.
                Assert.True(!liquidatable || ratio is null || ratio >= Rate.One, $"liquidatable at ratio {ratio}; {c}");
                Assert.True(ratio is not null || liquidatable, $"no ratio yet not liquidatable; {c}");
            }
        });
    }

    [Fact]
    public void Okex_guide_long_at_9010_has_ratio_0_11_percent_and_Binance_reads_the_same_position_as_maintenance_over_equity()
    {
        var contract = ContractSpec.Linear(Quantity.Parse("0.0001"));
        var position = new IsolatedPosition(contract, PositionSide.Long, Quantity.FromWhole(10_000), Price.FromWhole(10_000), Money.FromWhole(1_000)).Validate();
        var okx = new IsolatedMarginModel(VenueProfiles.Okx, RiskTierTable.Flat(Rate.Parse("0.015")), Rate.Parse("0.00075"));
        Assert.Equal(Rate.Parse("0.00110987"), okx.MarginRatio(position, Price.FromWhole(9_010))); // 10 / 9010 rounded down

        // Binance: maintenance 9010 × 1.5% = 135.15 over equity 10: 13.515, i.e. 1,351.5%.
        var binance = new IsolatedMarginModel(VenueProfiles.Binance, RiskTierTable.Flat(Rate.Parse("0.015")), Rate.Zero);
        Assert.Equal(Rate.Parse("13.515"), binance.MarginRatio(position, Price.FromWhole(9_010)));
        Assert.Null(binance.MarginRatio(position, Price.FromWhole(9_000))); // equity exactly zero
        Assert.Null(binance.MarginRatio(position, Price.FromWhole(8_000)));
    }

    [Fact]
    public void Each_convention_states_its_formula()
    {
        Assert.Contains("maintenance margin / equity", MarginRatioConvention.MaintenanceOverEquity.Formula, StringComparison.Ordinal);
        Assert.Contains("equity / position value", MarginRatioConvention.EquityOverNotional.Formula, StringComparison.Ordinal);
    }
}
