using FsCheck;
using FsCheck.Fluent;

namespace Ringfence.Cli.Tests.Commands.Calc;

/// <summary>Numbers are read exactly whether they arrive as JSON numbers or as decimal strings.</summary>
public sealed class CalcPositionNumberFormTests
{
    /// <summary>Per field, plausible exact decimals (some combinations still fail validation, which must fail alike).</summary>
    private static readonly IReadOnlyDictionary<string, Gen<string>> Generators = new Dictionary<string, Gen<string>>
    {
        ["quantity"] = Decimal(1, 1_000_000, 0, 4),
        ["entryPrice"] = Decimal(1, 10_000_000, 0, 2),
        ["markPrice"] = Decimal(1, 10_000_000, 0, 2),
        ["leverage"] = Decimal(100, 12_500, 2, 2),
        ["extraMargin"] = Decimal(-1_000_000, 1_000_000, 0, 8),
        ["fundingPaid"] = Decimal(-1_000_000, 1_000_000, 0, 8),
        ["takerFee"] = Decimal(0, 100_000, 8, 8),
        ["tickSize"] = Decimal(1, 100, 0, 8),
        ["lotSize"] = Decimal(1, 100, 0, 8),
        ["mmr"] = Decimal(0, 5_000_000, 8, 8),
    };

    [Theory]
    [InlineData("""{ "profile": "binance", "contract": "linear", "side": "short", "quantity": 0.005, "entryPrice": 9451.53, "margin": 9.89, "mmr": 0.004, "tickSize": 0.01 }""")]
    [InlineData("""{ "profile": "okx", "contract": "linear", "contractSize": 0.0001, "side": "long", "quantity": 10000, "entryPrice": 10000, "markPrice": 9010, "leverage": 10, "mmr": 0.015, "takerFee": 0.00075 }""")]
    [InlineData("""{ "profile": "bybit-uta", "contract": "linear", "side": "long", "quantity": 1, "entryPrice": 2e4, "leverage": 50, "mmr": 5E-3, "takerFee": 0.00055, "extraMargin": 1000, "fundingPaid": -1.25 }""")]
    [InlineData("""{ "contract": "inverse", "contractSize": 100, "side": "short", "quantity": 500, "entryPrice": 60000, "markPrice": 61000.5, "leverage": 25, "tiers": [ { "cap": 5, "mmr": 0.005, "maxLeverage": 125 }, { "mmr": 0.01, "maxLeverage": 50 } ] }""")]
    public void Json_Numbers_And_Decimal_Strings_Give_Identical_Output(string json)
    {
        var asNumbers = CliRun.Of(json, "calc", "position", "--json");
        var asStrings = CliRun.Of(Quoted(json), "calc", "position", "--json");

        Assert.Equal(0, asNumbers.ExitCode);
        Assert.Equal(asNumbers, asStrings);
    }

    [Fact]
    public void Any_Exact_Decimal_Reads_The_Same_As_Number_Or_String()
    {
        var cases = int.TryParse(Environment.GetEnvironmentVariable("RINGFENCE_PROPERTY_CASES"), out var n) ? n : 100;
        var positions =
            from values in Gen.CollectToArray(Generators.Select(g => g.Value))
            from exponentField in Gen.Elements(Generators.Keys.ToArray())
            from exponent in Gen.Elements(string.Empty, "e0", "E+0", "0e-1")
            select (values, exponentField, exponent);

        Check.One(
            Config.QuickThrowOnFailure.WithMaxTest(cases),
            Prop.ForAll(positions.ToArbitrary(), input =>
            {
                var number = Document(input.values, input.exponentField, input.exponent, quote: false);
                var text = Document(input.values, input.exponentField, input.exponent, quote: true);
                return CliRun.Of(number, "calc", "position", "--json") == CliRun.Of(text, "calc", "position", "--json");
            }));
    }

    /// <summary>mantissa × 10^−decimals as text, e.g. 12345 with 2 decimals is "123.45".</summary>
    private static Gen<string> Decimal(int minMantissa, int maxMantissa, int minDecimals, int maxDecimals) =>
        Gen.Choose(minMantissa, maxMantissa).Zip(Gen.Choose(minDecimals, maxDecimals), Shift);

    private static string Shift(int mantissa, int decimals)
    {
        var digits = Math.Abs(mantissa).ToString(System.Globalization.CultureInfo.InvariantCulture).PadLeft(decimals + 1, '0');
        var text = decimals == 0 ? digits : digits[..^decimals] + "." + digits[^decimals..];
        return mantissa < 0 ? "-" + text : text;
    }

    /// <summary>A linear long with the generated values; <paramref name="exponentField"/> also gets an exponent suffix.</summary>
    private static string Document(string[] values, string exponentField, string exponent, bool quote)
    {
        var raw = Generators.Keys.Select((name, i) => (name, value: values[i] + (name == exponentField ? exponent : string.Empty)))
            .Select(f => (f.name, quote ? $"\"{f.value}\"" : f.value));
        return PositionInput.Object([("contract", "\"linear\""), ("side", "\"long\""), .. raw]);
    }

    /// <summary>Puts every bare JSON number of <paramref name="json"/> in quotes.</summary>
    private static string Quoted(string json) =>
        System.Text.RegularExpressions.Regex.Replace(json, @"(?<=[:\[,]\s*)(-?[0-9][0-9.eE+-]*)", "\"$1\"");
}
