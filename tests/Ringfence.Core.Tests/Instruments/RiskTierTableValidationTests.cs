using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Instruments;

/// <summary>Every validation rule of a risk tier table rejects with the offending tier and field.</summary>
public sealed class RiskTierTableValidationTests
{
    private static readonly Dictionary<string, RiskTierSpec[]> Tables = new()
    {
        ["empty table"] = [],
        ["missing cap on the first of two tiers"] = [new(null, R("0.01")), new(M("100"), R("0.02"))],
        ["missing cap on a middle tier"] = [new(M("100"), R("0.01")), new(null, R("0.02")), new(null, R("0.03"))],
        ["equal caps"] = [new(M("100"), R("0.01")), new(M("100"), R("0.02"))],
        ["falling caps"] = [new(M("100"), R("0.01")), new(M("200"), R("0.02")), new(M("150"), R("0.03"))],
        ["zero cap"] = [new(M("0"), R("0.01"))],
        ["negative cap"] = [new(M("-5"), R("0.01")), new(null, R("0.02"))],
        ["negative cap after a positive one"] = [new(M("100"), R("0.01")), new(M("-1"), R("0.02"))],
        ["rate of one"] = [new(null, R("1"))],
        ["rate above one"] = [new(M("100"), R("0.01")), new(null, R("1.5"))],
        ["negative rate"] = [new(null, R("-0.00000001"))],
        ["falling rate"] = [new(M("100"), R("0.02")), new(null, R("0.01"))],
        ["leverage below one"] = [new(null, R("0.01"), null, L("0.99999999"))],
        ["zero leverage on the second tier"] = [new(M("100"), R("0.01")), new(null, R("0.02"), null, L("0"))],
        ["rising maximum leverage"] = [new(M("100"), R("0.01"), null, L("20")), new(null, R("0.02"), null, L("50"))],
        ["given amount above the recursion"] = [new(M("100"), R("0.01")), new(null, R("0.02"), M("2"))],
        ["given amount below the recursion"] = [new(M("50000"), R("0.004")), new(M("250000"), R("0.005"), M("50")), new(null, R("0.01"), M("1299.99999999"))],
        ["given zero amount where the recursion needs one"] = [new(M("100"), R("0.01"), M("0")), new(null, R("0.02"), M("0"))],
        ["floor × ΔMMR not exact to 8 decimals"] = [new(M("0.00000001"), R("0.01")), new(null, R("0.5"))],
        ["unlimited leverage after a limited tier"] = [new(M("100"), R("0.01"), null, L("20")), new(null, R("0.02"))],
        ["negative first maintenance amount"] = [new(M("100"), R("0.01"), M("-1")), new(null, R("0.02"))],
    };

    [Theory]
    [InlineData("empty table", -1, RiskTierProperty.Cap)]
    [InlineData("missing cap on the first of two tiers", 0, RiskTierProperty.Cap)]
    [InlineData("missing cap on a middle tier", 1, RiskTierProperty.Cap)]
    [InlineData("equal caps", 1, RiskTierProperty.Cap)]
    [InlineData("falling caps", 2, RiskTierProperty.Cap)]
    [InlineData("zero cap", 0, RiskTierProperty.Cap)]
    [InlineData("negative cap", 0, RiskTierProperty.Cap)]
    [InlineData("negative cap after a positive one", 1, RiskTierProperty.Cap)]
    [InlineData("rate of one", 0, RiskTierProperty.MaintenanceRate)]
    [InlineData("rate above one", 1, RiskTierProperty.MaintenanceRate)]
    [InlineData("negative rate", 0, RiskTierProperty.MaintenanceRate)]
    [InlineData("falling rate", 1, RiskTierProperty.MaintenanceRate)]
    [InlineData("leverage below one", 0, RiskTierProperty.MaxLeverage)]
    [InlineData("zero leverage on the second tier", 1, RiskTierProperty.MaxLeverage)]
    [InlineData("rising maximum leverage", 1, RiskTierProperty.MaxLeverage)]
    [InlineData("given amount above the recursion", 1, RiskTierProperty.MaintenanceAmount)]
    [InlineData("given amount below the recursion", 2, RiskTierProperty.MaintenanceAmount)]
    [InlineData("given zero amount where the recursion needs one", 1, RiskTierProperty.MaintenanceAmount)]
    [InlineData("floor × ΔMMR not exact to 8 decimals", 1, RiskTierProperty.MaintenanceRate)]
    [InlineData("unlimited leverage after a limited tier", 1, RiskTierProperty.MaxLeverage)]
    [InlineData("negative first maintenance amount", 0, RiskTierProperty.MaintenanceAmount)]
    public void Create_rejects_an_invalid_table_naming_the_tier_and_field(string table, int tierIndex, RiskTierProperty property)
    {
        var error = Assert.Throws<InvalidRiskTierException>(() => RiskTierTable.Create(Tables[table]));
        Assert.Equal(tierIndex, error.TierIndex);
        Assert.Equal(property, error.Property);
        Assert.False(string.IsNullOrWhiteSpace(error.Message));
        Assert.IsAssignableFrom<ArgumentException>(error);
    }

    [Fact]
    public void Create_rejects_a_missing_list()
    {
        Assert.Throws<ArgumentNullException>(() => RiskTierTable.Create(null!));
    }

    [Fact]
    public void Create_accepts_what_the_rules_allow()
    {
        var table = RiskTierTable.Create(
        [
            new(M("100"), R("0"), M("0"), L("1")),
            new(M("200"), R("0"), null, L("1")),
            new(M("300"), R("0.99999999"), M("199.9999980"), L("1")),
            new(null, R("0.99999999"), M("199.999998"), L("1")),
        ]);
        Assert.Equal(4, table.Tiers.Count);
        Assert.Null(table.MaxNotional);
        Assert.Equal(Enumerable.Range(1, 4), table.Tiers.Select(t => t.Number));
        Assert.Equal(new[] { M("0"), M("100"), M("200"), M("300") }, table.Tiers.Select(t => t.Floor));
    }

    [Fact]
    public void The_message_says_what_is_wrong_with_the_numbers()
    {
        var error = Assert.Throws<InvalidRiskTierException>(() => RiskTierTable.Create(Tables["given amount above the recursion"]));
        Assert.Contains("maintenance amount 2 ", error.Message, StringComparison.Ordinal);
        Assert.EndsWith("= 1", error.Message, StringComparison.Ordinal); // the recursion's value, 100 × (0.02 − 0.01)
    }

    private static Money M(string text) => Money.Parse(text);

    private static Rate R(string text) => Rate.Parse(text);

    private static Leverage L(string text) => Leverage.Parse(text);
}
