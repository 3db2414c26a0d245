using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Margin;

/// <summary>Pre-trade checks against the tier table, each with its stable code.</summary>
public sealed class CheckOpeningTests
{
    private static readonly IsolatedMarginModel Model = new(
        VenueProfiles.Ringfence,
        RiskTierTable.Create(
        [
            new(Money.FromWhole(100), Rate.Parse("0.01"), null, Leverage.FromWhole(50)),
            new(Money.FromWhole(1_000), Rate.Parse("0.02"), null, Leverage.FromWhole(20)),
        ]),
        Rate.Zero);

    [Theory]
    [InlineData("1", "100", "50", null)] // notional 100: tier 1 (caps inclusive), 50× allowed
    [InlineData("1", "100", "50.00000001", "LEVERAGE_ABOVE_TIER_MAX")]
    [InlineData("1", "100.00000001", "50", "LEVERAGE_ABOVE_TIER_MAX")] // just into tier 2: at most 20×
    [InlineData("1", "100.00000001", "20", null)]
    [InlineData("10", "100", "20", null)] // notional 1,000: the table's largest
    [InlineData("10", "100.00000001", "1", "NOTIONAL_ABOVE_MAX_TIER")]
    [InlineData("1", "100", "1", null)]
    [InlineData("1", "100", "0.99999999", "LEVERAGE_BELOW_ONE")]
    [InlineData("1000", "1000", "0", "LEVERAGE_BELOW_ONE")] // checked first, before the notional
    public void CheckOpening_names_the_first_rule_an_opening_breaks(string quantity, string price, string leverage, string? code)
    {
        var rejection = Model.CheckOpening(ContractSpec.Linear(), Quantity.Parse(quantity), Price.Parse(price), Leverage.Parse(leverage));
        Assert.Equal(code, rejection?.Code);
        if (rejection is not null)
        {
            Assert.Contains(Leverage.Parse(leverage).ToString(), rejection.Reason, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_reason_names_the_tier_and_the_numbers()
    {
        var rejection = Model.CheckOpening(ContractSpec.Linear(), Quantity.FromWhole(5), Price.FromWhole(100), Leverage.FromWhole(25));
        Assert.NotNull(rejection);
        Assert.Equal("leverage 25 exceeds the maximum 20 of tier 2 (notional 500)", rejection.Reason);
        var tooLarge = Model.CheckOpening(ContractSpec.Linear(), Quantity.FromWhole(11), Price.FromWhole(100), Leverage.FromWhole(2));
        Assert.Equal("notional 1100 exceeds the largest tier cap 1000", tooLarge?.Reason);
    }

    [Fact]
    public void An_inverse_opening_is_checked_on_its_coin_notional()
    {
        // 1,000 contracts of 100 USD at 1,000 are worth 100 BTC: tier 1 at most; 1,000 at 999.99 are 100.00001 BTC: tier 2.
        var inverse = ContractSpec.Inverse(Quantity.FromWhole(100));
        Assert.Null(Model.CheckOpening(inverse, Quantity.FromWhole(1_000), Price.FromWhole(1_000), Leverage.FromWhole(50)));
        Assert.Equal("LEVERAGE_ABOVE_TIER_MAX", Model.CheckOpening(inverse, Quantity.FromWhole(1_000), Price.Parse("999.99"), Leverage.FromWhole(50))?.Code);
    }

    [Fact]
    public void Tiers_without_a_maximum_leverage_allow_any_leverage_of_at_least_one()
    {
        var model = new IsolatedMarginModel(VenueProfiles.Binance, RiskTierTable.Flat(Rate.Parse("0.005")), Rate.Zero);
        Assert.Null(model.CheckOpening(ContractSpec.Linear(), Quantity.FromWhole(1_000), Price.FromWhole(100_000), Leverage.FromWhole(1_000)));
    }
}
