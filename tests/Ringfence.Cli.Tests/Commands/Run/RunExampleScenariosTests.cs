using System.Text.Json;

namespace Ringfence.Cli.Tests.Commands.Run;

/// <summary>The scenario files shipped in <c>examples/scenarios</c>, run with <c>--json</c>.</summary>
public sealed class RunExampleScenariosTests
{
    /// <summary>The rejections each example is written to show (code by line); any other rejection is a regression.</summary>
    private static readonly Dictionary<string, (int Line, string Code)[]> ExpectedRejections = new(StringComparer.Ordinal)
    {
        ["isolated-vs-cross.jsonl"] = [(18, "REMOVE_EXCEEDS_MAX")],
        ["inverse-and-pods.jsonl"] = [],
        ["crash-liquidation.jsonl"] = [],
    };

    public static TheoryData<string> Examples => [.. Repository.Scenarios().Select(path => Path.GetFileName(path))];

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_Runs_Without_Line_Errors_And_Its_Audit_Balances(string name)
    {
        var output = RunOutput.Of(Repository.Scenario(name));

        Assert.True(output.Run.ExitCode == 0, output.Run.Error);
        Assert.Equal(string.Empty, output.Run.Error);
        Assert.Empty(output.Errors);
        var audit = output.State.GetProperty("audit").EnumerateObject().ToList();
        Assert.NotEmpty(audit);
        foreach (var asset in audit)
        {
            Assert.True(asset.Value.GetProperty("balanced").GetBoolean(), $"{name}: {asset.Name} does not balance");
            var deposits = decimal.Parse(asset.Value.Text("deposits"), System.Globalization.CultureInfo.InvariantCulture);
            var withdrawals = decimal.Parse(asset.Value.Text("withdrawals"), System.Globalization.CultureInfo.InvariantCulture);
            var total = decimal.Parse(asset.Value.Text("ledgerTotal"), System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(deposits - withdrawals, total);
        }
    }

    [Theory]
    [MemberData(nameof(Examples))]
    public void Example_Has_Only_The_Rejections_It_Is_Written_To_Show(string name)
    {
        Assert.True(ExpectedRejections.TryGetValue(name, out var expected), $"{name}: list its expected rejections in this test");

        var rejections = RunOutput.Of(Repository.Scenario(name)).EventsOfType("CommandRejected")
            .Select(e => (e.GetProperty("line").GetInt32(), e.Text("code")));

        Assert.Equal(expected, rejections);
    }

    [Fact]
    public void Isolated_Vs_Cross_Alice_Long_Opens_With_400_Margin_And_Liquidates_At_19700()
    {
        var output = RunOutput.Of(Repository.Scenario("isolated-vs-cross.jsonl"));

        // Line 9: 1 BTC at 20,000 and 50×: initial margin 20,000 / 50 = 400 (Bybit's published example).
        var opened = Assert.Single(output.EventsOfLine(9), e => e.Text("type") == "PositionOpened" && e.Text("account") == "alice");
        Assert.Equal("isolated", opened.Text("scope"));
        Assert.Equal("long", opened.Text("side"));
        Assert.Equal("1", opened.Text("quantity"));
        Assert.Equal("400", opened.Text("margin"));
        Assert.Equal("50", opened.Text("leverage"));
    }

    [Fact]
    public void Isolated_Vs_Cross_Alice_Ends_With_650_Margin_And_Liquidation_Price_19450()
    {
        var output = RunOutput.Of(Repository.Scenario("isolated-vs-cross.jsonl"));

        // Funding at line 16: a long pays 1 × 19,750 (mark) × 0.0001 = 1.975; under Bybit from the available balance first,
        // so her margin stays 400.
        var funding = Assert.Single(output.EventsOfLine(16), e => e.Text("account") == "alice");
        Assert.Equal("1.975", funding.Text("amount"));

        // Line 17 adds 250: 650. Bybit values maintenance at the entry value: MM = 20,000 × 0.005 = 100, so
        // LP = EP − (margin − MM) / Q = 20,000 − 550 = 19,450, on the 0.1 tick.
        var added = Assert.Single(output.EventsOfLine(17));
        Assert.Equal("MarginAdded", added.Text("type"));
        Assert.Equal("650", added.Text("margin"));
        Assert.Equal("19450", added.Text("liquidationPrice"));

        var alice = output.Position("alice", "BTCUSDT");
        Assert.Equal("isolated", alice.Text("scope"));
        Assert.Equal("long", alice.Text("side"));
        Assert.Equal("1", alice.Text("quantity"));
        Assert.Equal("20000", alice.Text("entryPrice"));
        Assert.Equal("650", alice.Text("margin"));
        Assert.Equal("100", alice.Text("maintenanceMargin"));
        Assert.Equal("19450", alice.Text("liquidationPrice"));

        // Bankruptcy: EP − margin / Q = 19,350.
        Assert.Equal("19350", alice.Text("bankruptcyPrice"));
        Assert.Equal("-250", alice.Text("unrealizedPnl"));
    }

    [Fact]
    public void Isolated_Vs_Cross_Repeated_Id_Is_Flagged_And_Changes_Nothing()
    {
        var output = RunOutput.Of(Repository.Scenario("isolated-vs-cross.jsonl"));

        var first = output.EventsOfLine(9);
        var repeated = output.EventsOfLine(10);
        Assert.Equal(first.Count, repeated.Count);
        Assert.All(first, e => Assert.False(e.TryGetProperty("duplicate", out _)));
        Assert.All(repeated, e => Assert.True(e.GetProperty("duplicate").GetBoolean()));
        Assert.Equal(first.Select(e => e.Text("type")), repeated.Select(e => e.Text("type")));

        // One position for alice, of 1: the repeated trade did not trade again.
        Assert.Equal("1", output.Position("alice", "BTCUSDT").Text("quantity"));
    }

    [Fact]
    public void Isolated_Vs_Cross_Rejects_Removing_More_Than_The_Maximum_With_Code_And_Reason()
    {
        var output = RunOutput.Of(Repository.Scenario("isolated-vs-cross.jsonl"));

        var rejected = Assert.Single(output.EventsOfLine(18));
        Assert.Equal("CommandRejected", rejected.Text("type"));
        Assert.Equal("REMOVE_EXCEEDS_MAX", rejected.Text("code"));

        // Equity 650 − 250 = 400 less the initial margin at mark (19,750 / 50 = 395) leaves 5.
        Assert.Contains("at most 5 ", rejected.Text("reason"), StringComparison.Ordinal);
    }

    [Fact]
    public void Isolated_Vs_Cross_Funding_Is_Zero_Sum_And_Balances_Follow_The_Events()
    {
        var output = RunOutput.Of(Repository.Scenario("isolated-vs-cross.jsonl"));

        var funding = output.EventsOfLine(16).Select(e => decimal.Parse(e.Text("amount"), System.Globalization.CultureInfo.InvariantCulture));
        Assert.Equal(0m, funding.Sum());

        // alice: 10,000 − 2,000 (to alice-hedge) − 400 (margin) − 1.975 (funding, Bybit: from the free balance first)
        // − 250 (added) − 1,000 (withdrawn).
        Assert.Equal("6348.025", output.Balance("alice", "USDT"));
        Assert.Equal("500", output.Balance("alice-hedge", "USDT"));
        Assert.Equal("0", output.State.GetProperty("insuranceFund").GetProperty("BTCUSDT").GetString());
    }

    [Fact]
    public void Inverse_And_Pods_Nets_The_Moved_Short_Into_The_Pod_Long()
    {
        var output = RunOutput.Of(Repository.Scenario("inverse-and-pods.jsonl"));

        // The pod's long of 500 at 49,000 meets the isolated short of 200 at 50,000: the pod keeps a long of 300 and
        // realizes 200 × 100 × (1/49,000 − 1/50,000) = 0.00816326530… BTC, rounded down.
        var netted = Assert.Single(output.EventsOfType("PositionChanged"), e => e.Text("account") == "carol");
        Assert.Equal("pod:hedge", netted.Text("scope"));
        Assert.Equal("300", netted.Text("quantity"));
        Assert.Equal("0.00816326", netted.Text("realizedPnl"));
        var moved = Assert.Single(output.EventsOfType("PositionMovedToPod"));
        Assert.Equal("0.02", moved.Text("margin"));

        var pod = output.Position("carol", "BTCUSD");
        Assert.Equal("pod:hedge", pod.Text("scope"));
        Assert.Equal("long", pod.Text("side"));
        Assert.Equal("300", pod.Text("quantity"));
        Assert.Equal("49000", pod.Text("entryPrice"));
        Assert.Equal("BTC", pod.Text("asset"));

        // Collateral: 0.3 funded + 0.02 moved + 0.00816326 realized − 0.00005883 funding − 0.1 defunded.
        var hedge = Assert.Single(output.State.GetProperty("pods").EnumerateArray());
        Assert.Equal("0.22810443", hedge.GetProperty("assets").GetProperty("BTC").Text("collateral"));
    }

    [Fact]
    public void Inverse_And_Pods_Funding_Is_Paid_In_Coin_And_The_Residue_Goes_To_The_Insurance_Fund()
    {
        var output = RunOutput.Of(Repository.Scenario("inverse-and-pods.jsonl"));

        // At 51,000 an inverse notional is contracts × 100 / 51,000 BTC; longs pay 0.01% rounded up, shorts receive rounded down.
        var funding = output.EventsOfType("FundingPaid").ToDictionary(e => e.Text("account"), e => e.Text("amount"));
        Assert.Equal("0.00005883", funding["carol"]); // 300 contracts: 0.0000588235…
        Assert.Equal("0.00001961", funding["carol-sub"]); // 100 contracts: 0.0000196078…
        Assert.Equal("-0.00007843", funding["mm"]); // 400 contracts short: 0.0000784313…
        Assert.Equal("0.00000001", output.State.GetProperty("insuranceFund").GetProperty("BTCUSD").GetString());
    }

    [Fact]
    public void Inverse_And_Pods_Sub_Account_Transfers_Move_Free_Balance()
    {
        var output = RunOutput.Of(Repository.Scenario("inverse-and-pods.jsonl"));

        var transfers = output.EventsOfType("Transferred").Select(e => (e.Text("from"), e.Text("to"), e.Text("amount")));
        Assert.Equal([("carol", "carol-sub", "0.5"), ("carol-sub", "carol", "0.1")], transfers);

        // carol-sub: 0.5 in − 0.04 margin (100 contracts = 0.2 BTC at 5×) − 0.0001 taker fee − 0.1 back to carol.
        Assert.Equal("0.3599", output.Balance("carol-sub", "BTC"));
        Assert.Equal("carol", output.State.GetProperty("accounts").GetProperty("carol-sub").Text("parent"));
    }

    [Fact]
    public void Crash_Liquidation_Runs_The_Whole_Waterfall()
    {
        var output = RunOutput.Of(Repository.Scenario("crash-liquidation.jsonl"));
        static (string Account, string Quantity, string Price, string Partial, string Fee, string Forfeited) Liquidated(JsonElement e) =>
            (e.Text("account"), e.Text("quantity"), e.Text("price"), e.GetProperty("partial").GetBoolean() ? "partial" : "whole", e.Text("fee"), e.Text("forfeited"));

        // Line 33: bob, whole, at 19,650 less the impact of 9,825 (0.09825%) on the tick: 19,630.6; the fee takes the 15.3 left.
        Assert.Equal([("bob", "0.5", "19630.6", "whole", "15.3", "0")], output.EventsOfLine(33).Where(e => e.Text("type") == "PositionLiquidated").Select(Liquidated));

        // Line 36: alice, tier 3 → tier 2's cap (keep ⌊20,000 ÷ 18,250⌋ = 1.095) → tier 1's (keep 0.547), each slice at
        // 18,250 less its own impact.
        Assert.Equal(
            [("alice", "0.105", "18246.5", "partial", "9.5794125", "0"), ("alice", "0.548", "18231.7", "partial", "49.954858", "0")],
            output.EventsOfLine(36).Where(e => e.Text("type") == "PositionLiquidated").Select(Liquidated));

        // Line 41: carol loses 1,232.75 of 1,200; the fund pays 32.75.
        var gap = Assert.Single(output.EventsOfType("BankruptcyGapCovered"));
        Assert.Equal((41, "carol", "32.75"), (gap.GetProperty("line").GetInt32(), gap.Text("account"), gap.Text("gap")));

        // Line 44: dave's gap (256.85) is beyond the fund (71.0769): closed at his bankruptcy price 17,000 against erin.
        var deleveraged = Assert.Single(output.EventsOfType("AutoDeleveraged"));
        Assert.Equal((44, "erin", "0.5", "17000", "dave"),
            (deleveraged.GetProperty("line").GetInt32(), deleveraged.Text("account"), deleveraged.Text("quantity"), deleveraged.Text("price"), deleveraged.Text("bankrupt")));
        Assert.Equal("11500", output.Balance("erin", "USDT"));
        Assert.Equal("8500", output.Balance("dave", "USDT"));

        // Line 46: the sweep finds nothing left to liquidate, and no disagreement with the index.
        var sweep = Assert.Single(output.EventsOfLine(46));
        Assert.Equal(("SweepCompleted", "0", "0"), (sweep.Text("type"), sweep.GetProperty("liquidatable").ToString(), sweep.GetProperty("disagreements").ToString()));

        // The backstop holds what it took (bob, alice, carol: 2.2); the fund keeps 15.3 + 9.5794125 + 49.954858 +
        // 28.9926295 − 32.75 = 71.0769, and its history lists each change.
        var backstop = output.Position("$backstop", "BTCUSDT");
        Assert.Equal(("long", "2.2"), (backstop.Text("side"), backstop.Text("quantity")));
        Assert.Equal("71.0769", output.State.GetProperty("insuranceFund").Text("BTCUSDT"));
        var history = output.State.GetProperty("insuranceFundHistory").GetProperty("BTCUSDT").EnumerateArray().Select(h => (h.Text("change"), h.Text("balance"))).ToList();
        Assert.Equal(
            [("15.3", "15.3"), ("9.5794125", "24.8794125"), ("49.954858", "74.8342705"), ("28.9926295", "103.8269"), ("-32.75", "71.0769")],
            history);
    }

    [Fact]
    public void Example_Json_Output_Is_Byte_Identical_On_A_Second_Run()
    {
        foreach (var file in Repository.Scenarios())
        {
            var first = CliRun.Of(string.Empty, "run", file, "--json");
            var second = CliRun.Of(string.Empty, "run", file, "--json");

            Assert.Equal(0, first.ExitCode);
            Assert.Equal(first.Out, second.Out);
            using var document = JsonDocument.Parse(first.Out);
            Assert.Matches("^[0-9a-f]{64}$", document.RootElement.GetProperty("state").Text("hash"));
        }
    }
}
