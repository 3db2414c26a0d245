using static Ringfence.Cli.Tests.PositionInput;

namespace Ringfence.Cli.Tests.Commands.Calc;

/// <summary>
/// Every class of bad input: exit code 2, nothing on standard output, and exactly one line on standard error that
/// names the field at fault.
/// </summary>
public sealed class CalcPositionErrorTests
{
    private const string TwoTiers = """[ { "cap": "1000", "mmr": "0.01" }, { "mmr": "0.02" } ]""";

    public static TheoryData<string, string> BadInputs => new()
    {
        // The document.
        { "{", "input" },
        { "", "input" },
        { "{ \"contract\": \"linear\" } trailing", "input" },
        { "[1, 2]", "input" },
        { "42", "input" },
        { With(("quantty", "1")), "quantty" },
        { With().Replace("}", ", \"side\": \"short\"}", StringComparison.Ordinal), "side" },

        // Missing required fields.
        { With(("contract", null)), "contract" },
        { With(("side", null)), "side" },
        { With(("quantity", null)), "quantity" },
        { With(("quantity", "null")), "quantity" },
        { With(("entryPrice", null)), "entryPrice" },
        { With(("leverage", null)), "leverage" },
        { With(("mmr", null)), "tiers" },

        // Either-or fields given twice.
        { With(("margin", "10")), "margin" },
        { With(("tiers", TwoTiers)), "mmr" },
        { With(("mmr", null), ("maintenanceAmount", "0"), ("tiers", TwoTiers)), "maintenanceAmount" },

        // Wrong JSON types.
        { With(("quantity", "true")), "quantity" },
        { With(("entryPrice", "{}")), "entryPrice" },
        { With(("leverage", "[10]")), "leverage" },
        { With(("markPrice", "false")), "markPrice" },
        { With(("profile", "5")), "profile" },
        { With(("side", "[\"long\"]")), "side" },
        { With(("mmr", null), ("tiers", "{}")), "tiers" },
        { With(("mmr", null), ("tiers", "[5]")), "tiers[0]" },
        { With(("mmr", null), ("tiers", "[{ \"mmr\": true }]")), "tiers[0].mmr" },

        // Text that is not an exact number.
        { With(("quantity", "\"abc\"")), "quantity" },
        { With(("quantity", "\"NaN\"")), "quantity" },
        { With(("entryPrice", "\"Infinity\"")), "entryPrice" },
        { With(("entryPrice", "\"1e999\"")), "entryPrice" },
        { With(("entryPrice", "1e999")), "entryPrice" },
        { With(("quantity", "\"0.000000001\"")), "quantity" },
        { With(("quantity", "0.123456789")), "quantity" },
        { With(("markPrice", "\"\"")), "markPrice" },
        { With(("extraMargin", "\"1,5\"")), "extraMargin" },
        { With(("fundingPaid", "99999999999")), "fundingPaid" },

        // Zero or negative where only positive makes sense.
        { With(("quantity", "0")), "quantity" },
        { With(("quantity", "-1")), "quantity" },
        { With(("entryPrice", "0")), "entryPrice" },
        { With(("entryPrice", "\"-100\"")), "entryPrice" },
        { With(("markPrice", "0")), "markPrice" },
        { With(("markPrice", "-5")), "markPrice" },
        { With(("leverage", "0")), "leverage" },
        { With(("leverage", "-10")), "leverage" },
        { With(("leverage", null), ("margin", "0")), "margin" },
        { With(("leverage", null), ("margin", "-1")), "margin" },
        { With(("contractSize", "0")), "contractSize" },
        { With(("contract", "\"inverse\""), ("contractSize", "-100")), "contractSize" },
        { With(("tickSize", "0")), "tickSize" },
        { With(("tickSize", "-0.01")), "tickSize" },
        { With(("lotSize", "0")), "lotSize" },
        { With(("takerFee", "-0.0005")), "takerFee" },
        { With(("takerFee", "1")), "takerFee" },

        // Unknown choices.
        { With(("profile", "\"kraken\"")), "profile" },
        { With(("contract", "\"perpetual\"")), "contract" },
        { With(("side", "\"flat\"")), "side" },

        // Tier table validation, mapped back to the field.
        { With(("mmr", null), ("tiers", "[]")), "tiers" },
        { With(("mmr", null), ("tiers", """[{ "cap": 1000, "mmr": 0.01 }, { "cap": 500, "mmr": 0.02 }]""")), "tiers[1].cap" },
        { With(("mmr", null), ("tiers", """[{ "mmr": 0.01 }, { "mmr": 0.02 }]""")), "tiers[0].cap" },
        { With(("mmr", null), ("tiers", """[{ "cap": 0, "mmr": 0.01 }]""")), "tiers[0].cap" },
        { With(("mmr", null), ("tiers", """[{ "mmr": 1 }]""")), "tiers[0].mmr" },
        { With(("mmr", null), ("tiers", """[{ "cap": 1000, "mmr": 0.02 }, { "mmr": 0.01 }]""")), "tiers[1].mmr" },
        { With(("mmr", null), ("tiers", """[{ "cap": 1000, "mmr": 0.01 }, { "mmr": 0.02, "maintenanceAmount": 5 }]""")), "tiers[1].maintenanceAmount" },
        { With(("mmr", null), ("tiers", """[{ "mmr": 0.01, "maintenanceAmount": -1 }]""")), "tiers[0].maintenanceAmount" },
        { With(("mmr", null), ("tiers", """[{ "cap": 1000, "mmr": 0.01, "maxLeverage": 20 }, { "mmr": 0.02, "maxLeverage": 50 }]""")), "tiers[1].maxLeverage" },
        { With(("mmr", null), ("tiers", """[{ "mmr": 0.01, "maxLeverage": 0.5 }]""")), "tiers[0].maxLeverage" },
        { With(("mmr", null), ("tiers", """[{ "mmr": 0.01, "maxLeverage": 0 }]""")), "tiers[0].maxLeverage" },
        { With(("mmr", null), ("tiers", """[{ "mmr": 0.01, "mmf": 0.01 }]""")), "tiers[0].mmf" },
        { With(("mmr", null), ("tiers", """[{ "mmr": 0.01, "mmr": 0.02 }]""")), "tiers[0].mmr" },
        { With(("mmr", null), ("tiers", """[{ "cap": 1000, "maxLeverage": 20 }]""")), "tiers[0].mmr" },
        { With(("profile", "\"hyperliquid\""), ("mmr", null), ("tiers", """[{ "cap": 1000, "maxLeverage": 20 }, { }]""")), "tiers[1].mmr" },
        { With(("profile", "\"hyperliquid\""), ("mmr", null), ("tiers", """[{ "cap": 1000, "maxLeverage": 20 }, { "maxLeverage": 40 }]""")), "tiers[1].maxLeverage" },
        { With(("profile", "\"hyperliquid\""), ("mmr", null), ("tiers", """[{ "maxLeverage": 0.5 }]""")), "tiers[0].maxLeverage" },
        { With(("mmr", "1.5")), "mmr" },
        { With(("mmr", "-0.01")), "mmr" },
        { With(("maintenanceAmount", "-1")), "maintenanceAmount" },
        { With(("maxLeverage", "0.5")), "maxLeverage" },
        { With(("mmr", null), ("maxLeverage", "20")), "mmr" },

        // The opening itself.
        { With(("maxLeverage", "5")), "leverage" },
        { With(("leverage", "0.5")), "leverage" },
        { With(("leverage", null), ("margin", "10"), ("maxLeverage", "5")), "margin" },
        { With(("leverage", null), ("margin", "90000000000"), ("quantity", "0.00000001"), ("entryPrice", "1")), "margin" },
        { With(("mmr", null), ("tiers", """[{ "cap": 50, "mmr": 0.01 }]""")), "quantity" },
        { With(("leverage", null), ("margin", "10"), ("mmr", null), ("tiers", """[{ "cap": 50, "mmr": 0.01 }]""")), "quantity" },

        // Rates the model cannot use together.
        { With(("profile", "\"okx\""), ("leverage", "1"), ("mmr", "0.005"), ("takerFee", "0.995")), "takerFee" },
        { With(("profile", "\"okx\""), ("mmr", null), ("tiers", """[{ "cap": 1000, "mmr": 0.01 }, { "mmr": 0.5 }]"""), ("takerFee", "0.5")), "takerFee" },

        // Results beyond the 64-bit fixed-point range.
        { With(("quantity", "90000000000"), ("entryPrice", "90000000000")), "quantity" },
        { With(("quantity", "174763"), ("entryPrice", "129671.8"), ("markPrice", "572077.7")), "markPrice" },
        { With(("leverage", null), ("margin", "90000000000"), ("extraMargin", "90000000000"), ("quantity", "1000000000"), ("entryPrice", "1")), "input" },
        { With(("mmr", null), ("tiers", """[{ "cap": "92233720368.54775807", "mmr": "0.01", "maintenanceAmount": "92233720368.54775807" }, { "mmr": "0.02" }]""")), "tiers" },
    };

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_Input_Exits_2_With_One_Error_Line_Naming_The_Field(string json, string field)
    {
        var run = CliRun.Of(json, "calc", "position", "--json");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        var line = Assert.Single(run.ErrorLines);
        Assert.StartsWith($"error: {field}: ", line, StringComparison.Ordinal);
        Assert.True(line.Length > $"error: {field}: ".Length + 3, line);
    }

    [Theory]
    [MemberData(nameof(BadInputs))]
    public void Bad_Input_Fails_The_Same_Way_Without_Json(string json, string field)
    {
        var run = CliRun.Of(json, "calc", "position");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        Assert.StartsWith($"error: {field}: ", Assert.Single(run.ErrorLines), StringComparison.Ordinal);
    }

    [Fact]
    public void Number_Errors_Quote_The_Core_Parser()
    {
        var run = CliRun.Of(With(("quantity", "\"0.000000001\"")), "calc", "position", "--json");
        Assert.Equal("error: quantity: '0.000000001' has more than 8 decimal places", Assert.Single(run.ErrorLines));
    }

    [Fact]
    public void Okx_Fee_That_Leaves_No_Liquidation_Price_Is_Rejected_Like_ListInstrument_Rejects_It()
    {
        // OKX liquidates at equity = notional × (MMR + fee): 0.005 + 0.995 = 1 leaves no price. Once an internal error.
        const string Okx = """
            {"profile":"okx","contract":"linear","side":"long","quantity":"1","entryPrice":"20000","leverage":"1","mmr":"0.005","takerFee":"0.995"}
            """;
        var run = CliRun.Of(Okx, "calc", "position");

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(string.Empty, run.Out);
        const string Reason = "the highest maintenance rate 0.005 plus the taker fee 0.995 must stay below 1 under profile 'okx', which liquidates at notional x (MMR + fee)";
        Assert.Equal($"error: takerFee: {Reason}", Assert.Single(run.ErrorLines));

        // The scenario's listInstrument is refused by the same rule, in the same words.
        using var listing = ScenarioFile.Of(
            """{"type":"listInstrument","symbol":"BTCUSDT","contract":"linear","settleAsset":"USDT","profile":"okx","tickSize":"0.1","lotSize":"0.001","takerFee":"0.995","mmr":"0.005"}""");
        var rejected = Assert.Single(RunOutput.Of(listing.Path).EventsOfType("CommandRejected"));
        Assert.StartsWith(Reason, rejected.Text("reason"), StringComparison.Ordinal);
    }

    [Fact]
    public void Leverage_Above_The_Tier_Maximum_Prints_The_Core_Reason()
    {
        var run = CliRun.Of(With(("maxLeverage", "5")), "calc", "position", "--json");
        Assert.Equal("error: leverage: leverage 10 exceeds the maximum 5 of tier 1 (notional 100)", Assert.Single(run.ErrorLines));
    }
}
