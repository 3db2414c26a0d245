using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Margin.PublishedExamples;

/// <summary>Terse constructors for the published worked examples.</summary>
internal static class Examples
{
    public static Price P(string text) => Price.Parse(text);

    public static Quantity Q(string text) => Quantity.Parse(text);

    public static Money M(string text) => Money.Parse(text);

    public static Rate R(string text) => Rate.Parse(text);

    public static Leverage L(string text) => Leverage.Parse(text);

    public static IsolatedMarginModel Model(VenueProfile profile, string mmr, string takerFee = "0") =>
        new(profile, RiskTierTable.Flat(R(mmr)), R(takerFee));

    public static IsolatedPosition Linear(PositionSide side, string quantity, string entry, string margin) =>
        new IsolatedPosition(ContractSpec.Linear(), side, Q(quantity), P(entry), M(margin)).Validate();

    public static IsolatedPosition Inverse(PositionSide side, string contracts, string faceValue, string entry, string margin) =>
        new IsolatedPosition(ContractSpec.Inverse(Q(faceValue)), side, Q(contracts), P(entry), M(margin)).Validate();

    /// <summary>Asserts |actual − expected| ≤ tolerance, all exact decimals.</summary>
    public static void Near(string expected, Price? actual, string tolerance)
    {
        Assert.NotNull(actual);
        var difference = Math.Abs(actual!.Value.Units - P(expected).Units);
        Assert.True(difference <= P(tolerance).Units, $"expected {expected} ± {tolerance}, got {actual}");
    }
}
