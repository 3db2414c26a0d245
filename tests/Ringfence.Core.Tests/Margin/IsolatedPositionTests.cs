using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Margin;

/// <summary>The position record: validation, margin changes and funding.</summary>
public sealed class IsolatedPositionTests
{
    private static IsolatedPosition Position(string quantity, string entry) =>
        new(ContractSpec.Linear(), PositionSide.Long, Quantity.Parse(quantity), Price.Parse(entry), Money.FromWhole(100));

    [Theory]
    [InlineData("0", "100", "Quantity")]
    [InlineData("-1", "100", "Quantity")]
    [InlineData("1", "0", "EntryPrice")]
    [InlineData("1", "-0.01", "EntryPrice")]
    public void Validate_rejects_a_size_or_entry_price_that_is_not_positive(string quantity, string entry, string field)
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => Position(quantity, entry).Validate());
        Assert.Equal(field, error.ParamName);
    }

    [Fact]
    public void Validate_returns_a_valid_position_unchanged()
    {
        var position = Position("0.00000001", "0.00000001");
        Assert.Equal(position, position.Validate());
    }

    [Fact]
    public void Margin_changes_and_funding_move_only_the_margin()
    {
        var position = Position("2", "50");
        Assert.Equal(position with { Margin = Money.FromWhole(130) }, position.WithMarginChange(Money.FromWhole(30)));
        Assert.Equal(position with { Margin = Money.FromWhole(70) }, position.WithMarginChange(Money.FromWhole(-30)));
        Assert.Equal(position with { Margin = Money.Parse("99.5") }, position.AfterFundingPaid(Money.Parse("0.5")));
        Assert.Equal(position with { Margin = Money.Parse("100.5") }, position.AfterFundingPaid(Money.Parse("-0.5")));
        Assert.Equal(Money.FromWhole(100), position.EntryNotional);
    }
}
