using System.Globalization;
using Ringfence.Core.Numerics;

namespace Ringfence.Cli.Tests.Commands.Calc;

/// <summary><c>maxQuantity</c>: a multiple of the lot size, and never below the size of the position it is reported for.</summary>
public sealed class CalcPositionMaxQuantityTests
{
    private const string BinanceShort = """
        "profile": "binance", "contract": "linear", "side": "short", "quantity": "0.005", "entryPrice": "9451.53",
        "margin": "9.89", "mmr": "0.004", "tickSize": "0.01"
        """;

    [Fact]
    public void The_Readme_Binance_Short_Can_Open_At_Least_Its_Own_Size()
    {
        // Its leverage, 47.25765 / 9.89 = 4.778326592…, shows rounded down to 4.77832659; at that, 0.005 needs
        // 9.89000000x > 9.89. This was 0.00499999.
        var report = CliRun.PositionJson($"{{ {BinanceShort} }}");
        Assert.Equal("4.77832659", report.Text("leverage"));
        Assert.Equal("0.005", report.Text("maxQuantity"));
    }

    [Theory]
    [InlineData("0.001", "0.005")]
    [InlineData("0.002", "0.004")]
    [InlineData("0.01", "0")]
    public void With_A_Lot_Size_It_Is_The_Own_Size_Rounded_Down_To_Whole_Lots(string lot, string expected)
    {
        var report = CliRun.PositionJson($$"""{ {{BinanceShort}}, "lotSize": "{{lot}}" }""");
        Assert.Equal(expected, report.Text("maxQuantity"));
    }

    [Fact]
    public void A_Margin_Above_The_Notional_Opens_Nothing()
    {
        // Leverage below 1: the model never opens with it (docs/cli.md).
        var report = CliRun.PositionJson(PositionInput.With(("leverage", null), ("margin", "\"150\"")));
        Assert.Equal("0.66666666", report.Text("leverage"));
        Assert.Equal("0", report.Text("maxQuantity"));
    }

    [Fact]
    public void Every_Valid_Position_Can_Open_At_Least_Its_Own_Size_In_Whole_Lots()
    {
        // Seeded random positions, opened from a margin or a leverage, under every profile: whenever the report is
        // produced with a leverage of at least 1, maxQuantity is a whole number of lots and at least the position's own.
        var random = new Random(20_260_903);
        string[] profiles = ["ringfence", "binance", "bybit", "bybit-uta", "okx", "hyperliquid", "dydx"];
        string[] lots = ["0.00000001", "0.0001", "0.001", "0.01", "1"];
        var checkedCount = 0;
        for (var run = 0; run < 600; run++)
        {
            var inverse = random.Next(3) == 0;
            var quantity = inverse ? Decimal(random.Next(1, 100_000), 0) : Decimal(random.Next(1, 10_000_000), random.Next(2, 7));
            var entry = Decimal(random.Next(100, 10_000_000), 2);
            var lot = inverse ? "1" : lots[random.Next(lots.Length)];
            var opening = random.Next(2) == 0
                ? $"\"leverage\": \"{Decimal(random.Next(100, 12_500), 2)}\""
                : $"\"margin\": \"{Margin(random, inverse, quantity, entry)}\"";
            var json = $$"""
                { "profile": "{{profiles[random.Next(profiles.Length)]}}", "contract": "{{(inverse ? "inverse" : "linear")}}",
                  "side": "{{(random.Next(2) == 0 ? "long" : "short")}}", "quantity": "{{quantity}}", "entryPrice": "{{entry}}",
                  {{opening}}, "mmr": "0.005", "takerFee": "0.00055", "lotSize": "{{lot}}" }
                """;
            var run1 = CliRun.Of(json, "calc", "position", "--json");
            Assert.True(run1.ExitCode is 0 or 2, $"exit {run1.ExitCode}: {run1.Error} on {json}");
            if (run1.ExitCode != 0)
            {
                continue;
            }

            using var document = System.Text.Json.JsonDocument.Parse(run1.Out);
            var report = document.RootElement;
            if (Leverage.Parse(report.Text("leverage")) < Leverage.One)
            {
                continue;
            }

            var most = Quantity.Parse(report.Text("maxQuantity"));
            var lotSize = Quantity.Parse(lot);
            var own = Quantity.Parse(quantity).RoundTo(lotSize, Rounding.Down);
            Assert.True(most.Units % lotSize.Units == 0, $"maxQuantity {most} is not a multiple of {lot} on {json}");
            Assert.True(most >= own, $"maxQuantity {most} is below the position's own {own} on {json}");
            checkedCount++;
        }

        Assert.True(checkedCount > 300, $"only {checkedCount} positions checked");
    }

    /// <summary>A margin between notional ÷ 125 and the notional, to 8 decimals, for the position drawn.</summary>
    private static string Margin(Random random, bool inverse, string quantity, string entry)
    {
        var notional = inverse ? decimal.Parse(quantity, CultureInfo.InvariantCulture) / decimal.Parse(entry, CultureInfo.InvariantCulture)
            : decimal.Parse(quantity, CultureInfo.InvariantCulture) * decimal.Parse(entry, CultureInfo.InvariantCulture);
        var leverage = 1m + ((decimal)random.NextDouble() * 99m);
        return Math.Round(notional / leverage, 8, MidpointRounding.ToZero).ToString(CultureInfo.InvariantCulture);
    }

    private static string Decimal(long units, int decimals) =>
        (units / (decimal)Math.Pow(10, decimals)).ToString(CultureInfo.InvariantCulture);
}
