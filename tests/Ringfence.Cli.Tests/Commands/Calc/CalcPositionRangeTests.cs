using System.Text.Json;

namespace Ringfence.Cli.Tests.Commands.Calc;

/// <summary>Positions whose prices lie at the edges of what a price can represent.</summary>
public sealed class CalcPositionRangeTests
{
    [Fact]
    public void A_short_margined_far_beyond_its_notional_has_no_liquidation_or_bankruptcy_price()
    {
        // Root ≈ (0.01 + 10,000,000) / 0.0001 ≈ 1e11, above the largest price (≈ 9.2e10): no price reaches it.
        var report = CliRun.PositionJson("""
            { "profile": "ringfence", "contract": "linear", "side": "short", "quantity": "0.0001", "entryPrice": "100",
              "leverage": "1", "extraMargin": "10000000", "mmr": "0.005" }
            """);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("liquidationPrice").ValueKind);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("bankruptcyPrice").ValueKind);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("liquidationTier").ValueKind);
    }

    [Fact]
    public void A_short_with_a_little_less_margin_is_liquidated_at_a_very_high_but_representable_price()
    {
        // (0.01 notional + 90.01 margin) / (0.0001 × 1.005) = 895,721.39…, rounded down to the 1e-8 default tick.
        var report = CliRun.PositionJson("""
            { "profile": "ringfence", "contract": "linear", "side": "short", "quantity": "0.0001", "entryPrice": "100",
              "leverage": "1", "extraMargin": "90", "mmr": "0.005" }
            """);
        report.AssertNear("liquidationPrice", "895721.39");
    }

    [Fact]
    public void An_inverse_short_whose_root_lies_below_the_smallest_price_is_liquidated_at_0()
    {
        // Margin −9e10 BTC: equity W + 1/P − 0.01 reaches maintenance only below P ≈ 1.1e-11, which rounds down to 0.
        // Once an internal error: the tier at that price was looked up by the inverse notional at 0.
        var report = CliRun.PositionJson("""
            { "contract": "inverse", "side": "short", "quantity": "1", "entryPrice": "100", "leverage": "10", "mmr": "0.01",
              "fundingPaid": "90000000000" }
            """);
        Assert.Equal("0", report.Text("liquidationPrice"));
        Assert.Equal("0", report.Text("bankruptcyPrice"));
        Assert.Equal(1, report.GetProperty("liquidationTier").GetInt32());
    }
}
