using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Margin;

/// <summary>
/// Funding paid comes out of the isolated margin, so for a linear long under a mark-valued, fee-free profile it moves the
/// liquidation price up by funding ÷ (Q × (1 − MMR)) — the closed form LP = (Q·EP − W − cum) ÷ (Q·(1 − MMR)) of one tier.
/// </summary>
public sealed class FundingTests
{
    private static readonly VenueProfile[] MarkValuedWithoutFees = [VenueProfiles.Ringfence, VenueProfiles.Binance, VenueProfiles.Hyperliquid, VenueProfiles.Dydx];

    [Fact]
    public void Funding_paid_moves_a_long_liquidation_price_up_by_funding_over_q_times_one_minus_mmr()
    {
        var cases =
            from profile in Gen.Elements(MarkValuedWithoutFees)
            from quantity in Draw.SpreadBetween(100, 10_000_000).Select(q => Quantity.FromUnits(q * 10_000))
            from entry in Draw.SpreadBetween(10_000, 20_000_000).Select(c => Price.FromUnits(c * 1_000_000))
            from rate in Gen.Choose(0, 5_000).Select(r => Rate.FromUnits(r * 10_000L))
            from leverage in Gen.Choose(200, 10_000)
            from fundingPerMille in Gen.Choose(-300, 300)
            select (profile, quantity, entry, rate, leverage, fundingPerMille);
        PropertyCases.Verify(cases, t =>
        {
            var model = new IsolatedMarginModel(t.profile, RiskTierTable.Flat(t.rate), Rate.Zero);
            var leverage = Leverage.FromUnits(t.leverage * 1_000_000L);
            var margin = model.InitialMargin(ContractSpec.Linear(), PositionSide.Long, t.quantity, t.entry, leverage);
            var position = new IsolatedPosition(ContractSpec.Linear(), PositionSide.Long, t.quantity, t.entry, margin).Validate();
            var funding = Money.FromUnits(margin.Units / 1000 * t.fundingPerMille);
            var paid = position.AfterFundingPaid(funding);

            var tick = Price.FromUnits(1);
            var before = model.LiquidationPrice(position, tick);
            var after = model.LiquidationPrice(paid, tick);
            Assert.Equal(ClosedForm(position, t.rate).CeilingUnits(), before!.Value.Units);
            Assert.Equal(ClosedForm(paid, t.rate).CeilingUnits(), after!.Value.Units);

            var move = Fraction.Of(funding) / (Fraction.Of(t.quantity) * (Fraction.Whole(1) - Fraction.Of(t.rate)));
            var moved = Fraction.FromUnits(after.Value.Units - before.Value.Units);
            Assert.True(Fraction.Max(moved - move, move - moved) < Fraction.FromUnits(1), $"moved {moved}, expected {move}");
        });
    }

    [Fact]
    public void Bybit_funding_deducted_from_margin_moves_the_liquidation_price_by_funding_over_size()
    {
        // Valued at entry, the requirement is fixed: LP = EP − (IM − MM)/Q + funding/Q (reference §3.4).
        var model = new IsolatedMarginModel(VenueProfiles.Bybit, RiskTierTable.Flat(Rate.Parse("0.005")), Rate.Zero);
        var position = new IsolatedPosition(ContractSpec.Linear(), PositionSide.Long, Quantity.FromWhole(2), Price.FromWhole(20_000), Money.FromWhole(800));
        Assert.Equal(Price.FromWhole(19_700), model.LiquidationPrice(position, Price.Parse("0.5")));
        Assert.Equal(Price.FromWhole(19_750), model.LiquidationPrice(position.AfterFundingPaid(Money.FromWhole(100)), Price.Parse("0.5")));
    }

    /// <summary>(Q·EP − W) ÷ (Q·(1 − MMR)), the one-tier root without a maintenance amount.</summary>
    private static Fraction ClosedForm(IsolatedPosition position, Rate rate)
    {
        var q = Fraction.Of(position.Quantity);
        return ((q * Fraction.Of(position.EntryPrice)) - Fraction.Of(position.Margin)) / (q * (Fraction.Whole(1) - Fraction.Of(rate)));
    }
}
