using FsCheck.Fluent;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Margin;

/// <summary>The shipped venue profiles: lookup by name and the rules they carry.</summary>
public sealed class VenueProfilesTests
{
    [Theory]
    [InlineData("binance")]
    [InlineData("BINANCE")]
    [InlineData("Bybit")]
    [InlineData("bybit-UTA")]
    [InlineData("OKX")]
    [InlineData("HyperLiquid")]
    [InlineData("dYdX")]
    [InlineData("Ringfence")]
    public void TryFind_finds_a_profile_whatever_the_case(string name)
    {
        Assert.True(VenueProfiles.TryFind(name, out var profile));
        Assert.Equal(name, profile.Name, ignoreCase: true);
        Assert.Contains(profile, VenueProfiles.All);
    }

    [Theory]
    [InlineData("")]
    [InlineData("binance ")]
    [InlineData("bybit_uta")]
    [InlineData("kraken")]
    public void TryFind_says_no_for_an_unknown_name(string name)
    {
        Assert.False(VenueProfiles.TryFind(name, out _));
    }

    [Fact]
    public void Every_profile_has_a_unique_lower_case_name_a_title_and_a_source()
    {
        Assert.Equal(7, VenueProfiles.All.Count);
        Assert.Equal(VenueProfiles.All.Count, VenueProfiles.All.Select(p => p.Name.ToUpperInvariant()).Distinct().Count());
        Assert.All(VenueProfiles.All, p =>
        {
            Assert.Equal(p.Name.ToLowerInvariant(), p.Name);
            Assert.False(string.IsNullOrWhiteSpace(p.Title));
            Assert.False(string.IsNullOrWhiteSpace(p.Source));
        });
    }

    [Fact]
    public void The_profiles_carry_the_rules_that_tell_the_venues_apart()
    {
        Assert.Equal(MaintenanceValuation.AtEntry, VenueProfiles.Bybit.Valuation);
        Assert.All(VenueProfiles.All.Where(p => p != VenueProfiles.Bybit), p => Assert.Equal(MaintenanceValuation.AtMark, p.Valuation));
        Assert.Equal(CloseFee.BankruptcyValue, VenueProfiles.BybitUnified.CloseFee);
        Assert.Equal(CloseFee.MarkNotional, VenueProfiles.Okx.CloseFee);
        Assert.Same(MarginRatioConvention.EquityOverNotional, VenueProfiles.Okx.MarginRatio);
        Assert.Equal(Rate.Parse("0.1"), VenueProfiles.Hyperliquid.TransferFloor);
        Assert.All(VenueProfiles.All.Where(p => p != VenueProfiles.Hyperliquid), p => Assert.Equal(Rate.Zero, p.TransferFloor));
    }

    [Fact]
    public void Hyperliquid_implies_half_the_initial_rate_at_the_maximum_leverage_rounded_up()
    {
        PropertyCases.Verify(Gen.Choose(100, 20_000).Select(h => Leverage.FromUnits(h * 1_000_000L)), leverage =>
        {
            var implied = VenueProfiles.Hyperliquid.ImpliedMaintenanceRate(leverage);
            Assert.Equal((Fraction.Whole(1) / (Fraction.Whole(2) * Fraction.Of(leverage))).CeilingUnits(), implied!.Value.Units);
            Assert.Null(VenueProfiles.Binance.ImpliedMaintenanceRate(leverage));
        });
        Assert.Equal(Rate.Parse("0.16666667"), VenueProfiles.Hyperliquid.ImpliedMaintenanceRate(Leverage.FromWhole(3)));
    }
}
