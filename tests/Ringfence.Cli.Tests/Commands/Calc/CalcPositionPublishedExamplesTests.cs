using System.Text.Json;

namespace Ringfence.Cli.Tests.Commands.Calc;

/// <summary>
/// The venues' published worked examples (the same vectors as Ringfence.Core.Tests' PublishedExamples), run through
/// <c>ringfence calc position --json</c> in-process: one or more per profile.
/// </summary>
public sealed class CalcPositionPublishedExamplesTests
{
    [Fact]
    public void Binance_UsdM_BtcUsdtShort_Liquidates_At_11383_99()
    {
        var report = CliRun.PositionJson("""
            { "profile": "binance", "contract": "linear", "side": "short", "quantity": 0.005, "entryPrice": 9451.53,
              "margin": 9.89, "mmr": 0.004, "tickSize": 0.01 }
            """);
        Assert.Equal("11383.99", report.Text("liquidationPrice"));
        Assert.Equal("9.89", report.Text("initialMargin"));
        Assert.Equal("binance", report.Text("profile"));
    }

    [Fact]
    public void Binance_UsdM_EthUsdtLong_Liquidates_Near_190_29()
    {
        var report = CliRun.PositionJson("""
            { "profile": "binance", "contract": "linear", "side": "long", "quantity": 1, "entryPrice": 199.53,
              "margin": 10.47, "mmr": 0.0065 }
            """);
        report.AssertNear("liquidationPrice", "190.29");
    }

    [Fact]
    public void Bybit_Long1Btc_At20000_50x_Has_Margin400_Maintenance100_Liquidation19700()
    {
        var report = CliRun.PositionJson("""
            { "profile": "bybit", "contract": "linear", "side": "long", "quantity": 1, "entryPrice": 20000,
              "leverage": 50, "mmr": 0.005 }
            """);
        Assert.Equal("400", report.Text("initialMargin"));
        Assert.Equal("100", report.Text("maintenanceMargin"));
        Assert.Equal("19700", report.Text("liquidationPrice"));
        Assert.Equal("19600", report.Text("bankruptcyPrice"));
        Assert.Equal("50", report.Text("leverage"));
    }

    [Fact]
    public void Bybit_Short1Btc_With3000Added_Liquidates_At_23300()
    {
        var report = CliRun.PositionJson("""
            { "profile": "bybit", "contract": "linear", "side": "short", "quantity": 1, "entryPrice": 20000,
              "leverage": 50, "mmr": 0.005, "extraMargin": 3000 }
            """);
        Assert.Equal("23300", report.Text("liquidationPrice"));
        Assert.Equal("3400", report.Text("margin"));
    }

    [Fact]
    public void Bybit_Inverse_12000Contracts_At8000_50x_Needs_0_03_Btc()
    {
        var report = CliRun.PositionJson("""
            { "profile": "bybit", "contract": "inverse", "side": "long", "quantity": 12000, "entryPrice": 8000,
              "leverage": 50, "mmr": 0.005 }
            """);
        Assert.Equal("0.03", report.Text("initialMargin"));
        Assert.Equal("1.5", report.Text("notional"));
        report.AssertNear("liquidationPrice", "7881.77");
    }

    [Fact]
    public void BybitUnified_Long_With1000Added_And_TakerFee_Liquidates_Near_18692_91()
    {
        var report = CliRun.PositionJson("""
            { "profile": "bybit-uta", "contract": "linear", "side": "long", "quantity": 1, "entryPrice": 20000,
              "leverage": 50, "mmr": 0.005, "takerFee": 0.00055, "extraMargin": 1000 }
            """);
        Assert.Equal("410.78", report.Text("initialMargin"));
        report.AssertNear("liquidationPrice", "18692.91");
    }

    [Fact]
    public void BybitUnified_TradingRules_Long1Btc_At40000_50x_Extra3000_Has_Maintenance_221_56_And_Liquidates_At_36380_25()
    {
        // Bybit "Trading Rules: Liquidation Process (Unified Trading Account)": fee to close 40,000 × (1 − 1/50) × 0.055%
        // = 21.56, MM = 200 + 21.56 = 221.56, LP = 36,380.25 (the exact root 36,380.2503…, to the cent).
        var report = CliRun.PositionJson("""
            { "profile": "bybit-uta", "contract": "linear", "side": "long", "quantity": 1, "entryPrice": 40000,
              "leverage": 50, "mmr": 0.005, "takerFee": 0.00055, "extraMargin": 3000 }
            """);
        Assert.Equal("821.56", report.Text("initialMargin"));
        Assert.Equal("3821.56", report.Text("margin"));
        Assert.Equal("221.56", report.Text("maintenanceMargin"));
        report.AssertNear("liquidationPrice", "36380.2503437", "0.00000003");
        Assert.Contains("use maintenance 219.90909201", report.Text("explanation"), StringComparison.Ordinal);

        // With a cent tick the price is rounded against the holder, up for a long.
        var onCents = CliRun.PositionJson("""
            { "profile": "bybit-uta", "contract": "linear", "side": "long", "quantity": 1, "entryPrice": 40000,
              "leverage": 50, "mmr": 0.005, "takerFee": 0.00055, "extraMargin": 3000, "tickSize": 0.01 }
            """);
        Assert.Equal("36380.26", onCents.Text("liquidationPrice"));
    }

    [Fact]
    public void Okx_Long10000Contracts_Of_0_0001_At10000_10x_AtMark9010_Has_Ratio_0_11Percent_And_Liquidates()
    {
        var report = CliRun.PositionJson("""
            { "profile": "okx", "contract": "linear", "contractSize": 0.0001, "side": "long", "quantity": 10000,
              "entryPrice": 10000, "markPrice": 9010, "leverage": 10, "mmr": 0.015, "takerFee": 0.00075 }
            """);
        Assert.Equal("1000", report.Text("initialMargin"));
        Assert.Equal("0.00110987", report.Text("marginRatio"));
        Assert.Equal("-990", report.Text("unrealizedPnl"));
        Assert.Equal("10", report.Text("equity"));
        Assert.True(report.GetProperty("liquidatable").GetBoolean());
    }

    [Theory]
    [InlineData("long", "91139.24")]
    [InlineData("short", "108641.98")]
    public void Hyperliquid_Btc1At100000_10x_Liquidates_Near_PublishedPrice(string side, string expected)
    {
        var report = CliRun.PositionJson($$"""
            { "profile": "hyperliquid", "contract": "linear", "side": "{{side}}", "quantity": 1, "entryPrice": 100000,
              "leverage": 10, "mmr": 0.0125 }
            """);
        report.AssertNear("liquidationPrice", expected);
    }

    [Fact]
    public void Hyperliquid_TiersGivenOnlyMaxLeverage_Derive_Mmr_As_HalfTheInitialRate()
    {
        var report = CliRun.PositionJson("""
            { "profile": "HyperLiquid", "contract": "linear", "side": "long", "quantity": 1, "entryPrice": 100000,
              "leverage": 10, "tiers": [ { "cap": 150000000, "maxLeverage": 40 }, { "maxLeverage": 20 } ] }
            """);
        report.AssertNear("liquidationPrice", "91139.24");
        Assert.Equal(1, report.GetProperty("tier").GetInt32());
        Assert.Contains("MMR 0.0125", report.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void Dydx_IsolatedEthShort_3At3000_Margin1000_Mmf5Percent_Liquidates_At_3174_6()
    {
        var report = CliRun.PositionJson("""
            { "profile": "dydx", "contract": "linear", "side": "short", "quantity": 3, "entryPrice": 3000,
              "margin": 1000, "mmr": 0.05, "tickSize": 0.01 }
            """);
        Assert.Equal("3174.6", report.Text("liquidationPrice"));
        Assert.Equal("9", report.Text("leverage"));
    }

    [Fact]
    public void Ringfence_ThreeTiers_Short_Liquidates_In_A_Higher_Tier_Than_Entry()
    {
        // Entry notional 9000 is in tier 1; the lowest piece root, 13600 / 1.02 = 13333.33…, lies in tier 2.
        var report = CliRun.PositionJson("""
            { "contract": "linear", "side": "short", "quantity": 1, "entryPrice": 9000, "leverage": 2, "tickSize": 0.01,
              "tiers": [ { "cap": 10000, "mmr": 0.01 }, { "cap": 50000, "mmr": 0.02, "maintenanceAmount": 100 },
                         { "mmr": 0.05, "maxLeverage": 5 } ] }
            """);
        Assert.Equal("ringfence", report.Text("profile"));
        Assert.Equal(1, report.GetProperty("tier").GetInt32());
        Assert.Equal("13333.33", report.Text("liquidationPrice"));
        Assert.Equal(2, report.GetProperty("liquidationTier").GetInt32());
        Assert.Contains("tier 1 (MMR 0.01, maintenance amount 0)", report.Text("explanation"), StringComparison.Ordinal);
        Assert.Contains("At the liquidation price 13333.33: tier 2.", report.Text("explanation"), StringComparison.Ordinal);
    }

    [Fact]
    public void Ringfence_ThreeTiers_Long_Liquidates_In_A_Lower_Tier_Than_Entry()
    {
        // Entry notional 12000 is in tier 2; the highest piece root, 9600 / 0.99 = 9696.96…, lies in tier 1.
        var report = CliRun.PositionJson("""
            { "contract": "linear", "side": "long", "quantity": 1, "entryPrice": 12000, "leverage": 5, "tickSize": 0.01,
              "tiers": [ { "cap": 10000, "mmr": 0.01 }, { "cap": 50000, "mmr": 0.02 }, { "mmr": 0.05 } ] }
            """);
        Assert.Equal(2, report.GetProperty("tier").GetInt32());
        Assert.Equal("9696.97", report.Text("liquidationPrice"));
        Assert.Equal(1, report.GetProperty("liquidationTier").GetInt32());
    }

    [Fact]
    public void WithoutMarkPrice_The_MarkOnly_Fields_Are_Absent()
    {
        var report = CliRun.PositionJson(PositionInput.With());
        foreach (var field in new[] { "marginRatio", "unrealizedPnl", "equity", "liquidatable" })
        {
            Assert.False(report.TryGetProperty(field, out _), field);
        }
    }

    [Fact]
    public void Report_Has_Every_Contract_Field_With_Its_Json_Type()
    {
        var report = CliRun.PositionJson(PositionInput.With(("markPrice", "\"95\""), ("lotSize", "\"0.01\"")));
        string[] strings =
        [
            "profile", "notional", "initialMargin", "margin", "leverage", "maintenanceMargin", "liquidationPrice",
            "bankruptcyPrice", "marginRatio", "unrealizedPnl", "equity", "maxRemovableMargin", "maxQuantity", "explanation",
        ];
        foreach (var field in strings)
        {
            Assert.Equal(JsonValueKind.String, report.GetProperty(field).ValueKind);
        }

        Assert.Equal(JsonValueKind.Number, report.GetProperty("tier").ValueKind);
        Assert.Equal(JsonValueKind.Number, report.GetProperty("liquidationTier").ValueKind);
        Assert.Equal(JsonValueKind.False, report.GetProperty("liquidatable").ValueKind);
        Assert.Equal("1", report.Text("maxQuantity"));
        Assert.Equal("-5", report.Text("unrealizedPnl"));
    }

    [Fact]
    public void A_OneTimesLong_Has_No_Liquidation_Price_And_Null_Fields()
    {
        var report = CliRun.PositionJson(PositionInput.With(("leverage", "1"), ("mmr", "0")));
        Assert.Equal(JsonValueKind.Null, report.GetProperty("liquidationPrice").ValueKind);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("liquidationTier").ValueKind);
        Assert.Equal(JsonValueKind.Null, report.GetProperty("bankruptcyPrice").ValueKind);
    }
}
