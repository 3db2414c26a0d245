using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Instruments;
using Ringfence.Core.Ledger;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine.Handlers;

/// <summary>
/// The liquidation waterfall a mark price runs: partial liquidation down the risk tiers, full liquidation against the
/// backstop at the mark moved by the liquidity model, the capped liquidation fee and the forfeited rest to the insurance
/// fund. The bankruptcy gap, auto-deleveraging and shared scopes are in <see cref="LiquidatorShortfallTests"/>.
/// </summary>
public sealed class LiquidatorTests
{
    internal static Money M(string amount) => Money.Parse(amount);

    internal static Quantity Q(string quantity) => Quantity.Parse(quantity);

    internal static Price P(string price) => Price.Parse(price);

    [Fact]
    public void Step_down_closes_to_the_tier_below_re_checks_and_keeps_a_healthy_remainder_with_its_collateral()
    {
        var engine = Open(Linear(ThreeTiers()));
        // 1.2 at 20,000 = 24,000 of notional, tier 3 (4%, 10×): margin 2,400. Liquidation price (tier 3 piece):
        // (24,000 − 2,400 − 500) ÷ (1.2 × 0.96) = 18,315.97…, up to 18,316.
        engine.Accept(Match("1.2", "20000", Isolated(Alice, 10), Cross(Maker)));
        Assert.Equal(P("18316"), engine.Position(Alice, MarginScope.Isolated).LiquidationPrice);

        var result = engine.Mark("18250");

        // Equity 2,400 − 1.2 × 1,750 = 300; notional 21,900 in tier 3: 21,900 × 4% − 500 = 376.
        Assert.Contains(new LiquidationStarted(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("1.2"), P("18250"), M("300"), M("376")), result.Events);
        var slices = result.Events.OfType<PositionLiquidated>().ToList();
        Assert.Equal(
        [
            // Step 1, to tier 2's cap: keep ⌊20,000 ÷ 18,250⌋ = 1.095 (1.09589…), close 0.105 at the mark (no liquidity model):
            // PnL 0.105 × −1,750 = −183.75; fee 0.105 × 18,250 × 0.5% = 9.58125. Collateral 2,206.66875; the 1.095 left
            // has equity 2,206.66875 − 1,916.25 = 290.41875 against tier 2's 19,983.75 × 2% − 100 = 299.675: still liquidatable.
            new PositionLiquidated(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("0.105"), P("18250"), true, M("-183.75"), M("9.58125"), Money.Zero),
            // Step 2, to tier 1's cap: keep ⌊10,000 ÷ 18,250⌋ = 0.547, close 0.548: PnL −959, fee 10,001 × 0.5% = 50.005.
            new PositionLiquidated(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("0.548"), P("18250"), true, M("-959"), M("50.005"), Money.Zero),
        ], slices);

        // The rest keeps its collateral: 2,206.66875 − 959 − 50.005 = 1,197.66375; equity 1,197.66375 − 957.25 = 240.41375
        // against tier 1's 9,982.75 × 1% = 99.8275.
        var rest = engine.Position(Alice, MarginScope.Isolated);
        Assert.Equal((PositionSide.Long, Q("0.547"), P("20000"), M("1197.66375")), (rest.Side, rest.Quantity, rest.EntryPrice, rest.Margin));
        Assert.Equal(M("99.8275"), rest.MaintenanceMargin);

        // The backstop took both slices at 18,250; the fees, 59.58625, are in the insurance fund; alice's free balance
        // (10,000 − 2,400) was not touched.
        var backstop = engine.Position(AccountId.Backstop, MarginScope.Cross);
        Assert.Equal((PositionSide.Long, Q("0.653"), P("18250")), (backstop.Side, backstop.Quantity, backstop.EntryPrice));
        Assert.Equal(M("59.58625"), engine.Fund());
        Assert.Equal(
            [new InsuranceFundEntry(M("9.58125"), M("9.58125"), "liquidation fee and remaining collateral"), new InsuranceFundEntry(M("50.005"), M("59.58625"), "liquidation fee and remaining collateral")],
            engine.View().InsuranceFundHistory[Btcusdt]);
        Assert.Equal(M("7600"), engine.Free(Alice));
        Assert.DoesNotContain(result.Postings, p => p.From == LedgerAccount.Free(Alice, Usdt) || p.To == LedgerAccount.Free(Alice, Usdt));
        Assert.DoesNotContain(result.Events, e => e is PositionClosed or BankruptcyGapCovered or AutoDeleveraged);
    }

    [Fact]
    public void Auto_top_up_runs_before_the_partial_step_and_the_smaller_step_then_suffices()
    {
        var engine = Open(Linear(ThreeTiers()));
        engine.Accept(Match("1.2", "20000", Isolated(Alice, 10), Cross(Maker)));
        engine.Accept(new SetAutoTopUp(Alice, Btcusdt, true, M("10")));

        var result = engine.Mark("18250");

        // The top-up wants 21,900 ÷ 10 − 300 = 1,890 but its cap lets 10 in: margin 2,410, equity 310, still ≤ 376.
        // One slice of 0.105 (PnL −183.75, fee 9.58125) leaves 2,216.66875; the 1.095 left has equity
        // 2,216.66875 − 1,916.25 = 300.41875 > 299.675 (tier 2): healthy after one step.
        Assert.Equal(
        [
            new MarginToppedUp(Alice, Btcusdt, M("10"), M("2410"), Money.Zero),
            new LiquidationStarted(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("1.2"), P("18250"), M("310"), M("376")),
            new PositionLiquidated(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("0.105"), P("18250"), true, M("-183.75"), M("9.58125"), Money.Zero),
        ], result.Events.Where(e => e is MarginToppedUp or LiquidationStarted or PositionLiquidated));
        var rest = engine.Position(Alice, MarginScope.Isolated);
        Assert.Equal((Q("1.095"), M("2216.66875")), (rest.Quantity, rest.Margin));
        Assert.Equal(M("7590"), engine.Free(Alice));
    }

    [Fact]
    public void Under_Bybit_rules_the_tier_is_that_of_the_entry_value_so_the_slice_is_sized_at_the_entry_price()
    {
        // Bybit classic values maintenance at the entry value (ref §3.2) and publishes no separate liquidation fee
        // (ref §3.5): liquidation fee 0.
        var engine = Open(Linear(ThreeTiers(), Rate.Zero), "bybit");
        // Maintenance 24,000 × 4% − 500 = 460 at any mark; LP = 20,000 − (2,400 − 460) ÷ 1.2 = 18,383.33…, up to 18,383.4.
        engine.Accept(Match("1.2", "20000", Isolated(Alice, 10), Cross(Maker)));
        Assert.Equal(P("18383.4"), engine.Position(Alice, MarginScope.Isolated).LiquidationPrice);

        var result = engine.Mark("18300");

        // Equity 2,400 − 2,040 = 360 ≤ 460. Tier 2's cap 20,000 at the entry price keeps 1 and closes 0.2 at 18,300:
        // PnL 0.2 × −1,700 = −340. The 1 left is valued at 20,000 (tier 2, cap inclusive): 400 − 100 = 300, against
        // equity 2,060 − 1,700 = 360.
        Assert.Contains(new LiquidationStarted(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("1.2"), P("18300"), M("360"), M("460")), result.Events);
        Assert.Equal(
            new PositionLiquidated(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("0.2"), P("18300"), true, M("-340"), Money.Zero, Money.Zero),
            Assert.Single(result.Events.OfType<PositionLiquidated>()));
        var rest = engine.Position(Alice, MarginScope.Isolated);
        Assert.Equal((Q("1"), M("2060"), M("300")), (rest.Quantity, rest.Margin, rest.MaintenanceMargin));
        // LP = 20,000 − (2,060 − 300) ÷ 1 = 18,240.
        Assert.Equal(P("18240"), rest.LiquidationPrice);
        Assert.DoesNotContain(result.Events, e => e is InsuranceFundChanged);
    }

    /// <summary>
    /// OKX-like swaps: 0.00005 BTC per contract, so at a mark of 20,000 one contract is 1 USDT and tier caps read as
    /// contract counts: tier 1 up to 2,000 (0.5%, 100×), tier 2 up to 12,000 (1%, 50×, amount 10), tier 3 up to 20,000
    /// (2%, 20×, amount 10 + 12,000 × 1% = 130). Taker and liquidation fee 0.05%.
    /// </summary>
    private static Instrument Swaps() => Instrument.Create(Btcusdt, InstrumentKind.Perpetual, "BTC", "USDT", "USDT",
        ContractSpec.Linear(Q("0.00005")), P("0.1"), Q("1"), Rate.Zero, Rate.Parse("0.0005"), Rate.Parse("0.0005"),
        RiskTierTable.Create(
        [
            new RiskTierSpec(M("2000"), Rate.Parse("0.005"), MaxLeverage: Leverage.FromWhole(100)),
            new RiskTierSpec(M("12000"), Rate.Parse("0.01"), MaxLeverage: Leverage.FromWhole(50)),
            new RiskTierSpec(M("20000"), Rate.Parse("0.02"), MaxLeverage: Leverage.FromWhole(20)),
        ]));

    [Fact]
    public void OKX_liquidates_a_tier_3_position_down_to_the_tier_1_cap_at_once_reference_vector_16()
    {
        var engine = Open(Swaps(), "okx", mark: P("21000"));
        // 15,000 contracts at 21,000 = 15,750 USDT (tier 3), 20×: margin 787.5.
        engine.Accept(Match("15000", "21000", Isolated(Alice, 20), Cross(Maker)));

        var result = engine.Mark("20000");

        // At 20,000: equity 787.5 − 0.75 × 1,000 = 37.5; OKX's requirement is notional × (MMR + fee) less the amount:
        // 15,000 × 2.05% − 130 = 177.5. "Number of Swaps to be closed = 15,000 − 2,000 = 13,000" (ref §4.3):
        // PnL 13,000 × 0.00005 × −1,000 = −650, fee 13,000 × 0.05% = 6.5.
        Assert.Contains(new LiquidationStarted(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("15000"), P("20000"), M("37.5"), M("177.5")), result.Events);
        Assert.Equal(
            new PositionLiquidated(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("13000"), P("20000"), true, M("-650"), M("6.5"), Money.Zero),
            Assert.Single(result.Events.OfType<PositionLiquidated>()));

        // 2,000 contracts remain in tier 1 with 787.5 − 650 − 6.5 = 131: equity 131 − 100 = 31 > 2,000 × 0.55% = 11.
        var rest = engine.Position(Alice, MarginScope.Isolated);
        Assert.Equal((Q("2000"), M("131"), M("11")), (rest.Quantity, rest.Margin, rest.MaintenanceMargin));
    }

    [Fact]
    public void The_Ringfence_step_down_reaches_the_same_tier_1_remainder_in_two_slices()
    {
        var engine = Open(Swaps(), "ringfence", mark: P("21000"));
        engine.Accept(Match("15000", "21000", Isolated(Alice, 20), Cross(Maker)));

        var result = engine.Mark("20000");

        // Without OKX's fee term the requirement is 15,000 × 2% − 130 = 170 > 37.5. To tier 2's cap: close 3,000
        // (PnL −150, fee 1.5, margin 636; equity 636 − 600 = 36 ≤ 12,000 × 1% − 10 = 110), then to tier 1's: close
        // 10,000 (PnL −500, fee 5, margin 131; equity 31 > 10).
        Assert.Equal(
            [(Q("3000"), M("-150"), M("1.5")), (Q("10000"), M("-500"), M("5"))],
            result.Events.OfType<PositionLiquidated>().Select(l => (l.Quantity, l.RealizedPnl, l.Fee)));
        var rest = engine.Position(Alice, MarginScope.Isolated);
        Assert.Equal((Q("2000"), M("131")), (rest.Quantity, rest.Margin));
    }

    /// <summary>BTCUSDT at a flat 2% maintenance (up to 40×) with a 0.5% liquidation fee, below the rate.</summary>
    private static Instrument TwoPercent() => Linear(RiskTierTable.Flat(Rate.Parse("0.02"), maxLeverage: Leverage.FromWhole(40)));

    /// <summary>100,000 of notional within 1% of the mark, 1,000,000 within 5%.</summary>
    private static DepthCurve Book() => DepthCurve.Create([(M("100000"), Rate.Parse("0.01")), (M("1000000"), Rate.Parse("0.05"))]);

    [Fact]
    public void A_long_is_closed_whole_at_the_mark_less_the_impact_rounded_down_to_the_tick_and_the_rest_is_forfeited()
    {
        var engine = Open(TwoPercent(), liquidity: Book());
        // 1 at 20,000, 25×: margin 800; LP (20,000 − 800) ÷ 0.98 = 19,591.83…, up to 19,591.9.
        engine.Accept(Match("1", "20000", Isolated(Alice, 25), Cross(Maker)));

        var result = engine.Mark("19500");

        // Equity 300 ≤ 19,500 × 2% = 390; one tier, so no partial step. Impact of 19,500: 19,500 × 1% ÷ 100,000 =
        // 0.195%; 19,500 × (1 − 0.00195) = 19,461.975, down to the tick: 19,461.9. PnL −538.1 leaves 261.9: the fee
        // 19,461.9 × 0.5% = 97.3095, the remaining 164.5905 forfeited.
        Assert.Contains(new LiquidationStarted(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("1"), P("19500"), M("300"), M("390")), result.Events);
        Assert.Contains(new PositionLiquidated(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("1"), P("19461.9"), false, M("-538.1"), M("97.3095"), M("164.5905")), result.Events);
        Assert.Contains(new InsuranceFundChanged(Btcusdt, Usdt, M("261.9"), M("261.9"), "liquidation fee and remaining collateral"), result.Events);
        Assert.False(engine.HasPosition(Alice, MarginScope.Isolated));
        var backstop = engine.Position(AccountId.Backstop, MarginScope.Cross);
        Assert.Equal((PositionSide.Long, Q("1"), P("19461.9")), (backstop.Side, backstop.Quantity, backstop.EntryPrice));
        Assert.Equal(M("261.9"), engine.Fund());

        // Isolation: nothing came from or went to alice's free balance (10,000 − 800).
        Assert.Equal(M("9200"), engine.Free(Alice));
        Assert.DoesNotContain(result.Postings, p => p.From == LedgerAccount.Free(Alice, Usdt) || p.To == LedgerAccount.Free(Alice, Usdt));
        Assert.DoesNotContain(result.Events, e => e is BankruptcyGapCovered or AutoDeleveraged or BackstopAbsorbed);
    }

    [Fact]
    public void A_short_is_closed_at_the_mark_plus_the_impact_rounded_up_to_the_tick()
    {
        var engine = Open(TwoPercent(), liquidity: Book());
        engine.Accept(Match("1", "20000", Cross(Maker), Isolated(Bob, 25)));

        var result = engine.Mark("20400");

        // Equity 800 − 400 = 400 ≤ 408. Impact 20,400 × 1% ÷ 100,000 = 0.204%: 20,400 × 1.00204 = 20,441.616, up to
        // 20,441.7. PnL −441.7 leaves 358.3: fee 20,441.7 × 0.5% = 102.2085, forfeited 256.0915.
        Assert.Contains(new PositionLiquidated(Bob, Btcusdt, MarginScope.Isolated, PositionSide.Short, Q("1"), P("20441.7"), false, M("-441.7"), M("102.2085"), M("256.0915")), result.Events);
        var backstop = engine.Position(AccountId.Backstop, MarginScope.Cross);
        Assert.Equal((PositionSide.Short, Q("1"), P("20441.7")), (backstop.Side, backstop.Quantity, backstop.EntryPrice));
        Assert.Equal(M("358.3"), engine.Fund());
        Assert.Equal(M("9200"), engine.Free(Bob));
    }

    [Fact]
    public void The_liquidation_fee_is_capped_at_the_remaining_collateral()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 50), Cross(Maker)));

        var result = engine.Mark("19650");

        // Margin 400, PnL −350: 50 left, less than the fee 19,650 × 0.5% = 98.25, so the fee is 50 and nothing is forfeited.
        Assert.Contains(new PositionLiquidated(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("1"), P("19650"), false, M("-350"), M("50"), Money.Zero), result.Events);
        Assert.Equal(M("50"), engine.Fund());
        Assert.Equal(M("9600"), engine.Free(Alice));
    }

    [Fact]
    public void Bybit_remaining_margin_above_the_bankruptcy_price_goes_to_the_insurance_fund()
    {
        // Bybit's published 50× long (vectors 9 and 11): margin 400, maintenance 100 at entry, LP 19,700, BP
        // 20,000 × (1 − 2%) = 19,600. No liquidation fee (ref §3.5).
        var engine = Open(Linear(liquidationFee: Rate.Zero), "bybit");
        engine.Accept(Match("1", "20000", Isolated(Alice, 50), Cross(Maker)));
        var before = engine.Position(Alice, MarginScope.Isolated);
        Assert.Equal((P("19700"), P("19600")), (before.LiquidationPrice, before.BankruptcyPrice));

        var result = engine.Mark("19700");

        // "Remaining margin above BP goes to the insurance fund" (ref §3.5): (19,700 − 19,600) × 1 = 100.
        Assert.Contains(new PositionLiquidated(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("1"), P("19700"), false, M("-300"), Money.Zero, M("100")), result.Events);
        Assert.Equal(M("100"), engine.Fund());
        Assert.Equal(M("9600"), engine.Free(Alice));
    }

    [Fact]
    public void A_sweep_checks_every_isolated_position_and_finds_the_index_agrees()
    {
        var engine = Open(Linear(ThreeTiers()));
        engine.Accept(Match("1.2", "20000", Isolated(Alice, 10), Cross(Maker)));
        engine.Accept(Match("0.5", "20000", Cross(Maker), Isolated(Bob, 20)));
        engine.Mark("18250");
        var hash = engine.Hash();

        var result = engine.Accept(new Sweep(Btcusdt));

        // Alice's remainder and bob's short are isolated (the maker's and the backstop's are cross); none is
        // liquidatable after the mark, and none the index missed.
        Assert.Equal(new SweepCompleted(Btcusdt, 2, 0, 0), Assert.Single(result.Events));
        Assert.Empty(result.Postings);
        Assert.Equal(hash, engine.Hash());
    }

    [Fact]
    public void A_sweep_needs_a_listed_instrument_with_a_mark()
    {
        var engine = Open();
        engine.Accept(new ListInstrument(Ether(), "ringfence"));

        engine.Reject(new Sweep(Ethusdt), RejectionCodes.NoMarkPrice);
        engine.Reject(new Sweep("SOLUSDT"), RejectionCodes.UnknownInstrument);
        Assert.Equal(new SweepCompleted(Btcusdt, 0, 0, 0), Assert.Single(engine.Accept(new Sweep(Btcusdt)).Events));
    }

    [Fact]
    public void The_index_follows_a_position_through_partial_liquidation_and_the_exact_check_decides()
    {
        var engine = Open(Linear(ThreeTiers()));
        engine.Accept(Match("1.2", "20000", Isolated(Alice, 10), Cross(Maker)));
        engine.Mark("18250");

        // The remainder (0.547 at 20,000 with 1,197.66375, tier 1) is re-indexed at
        // (10,940 − 1,197.66375) ÷ (0.547 × 0.99) = 17,990.39…, rounded up (liquidated no later than the root): 17,990.4.
        Assert.Equal(P("17990.4"), engine.Position(Alice, MarginScope.Isolated).LiquidationPrice);

        // 17,990.5 is above it: not offered. 17,990.4 is offered by the index, but the integer check says equity
        // 1,197.66375 − 0.547 × 2,009.6 = 98.41255 > 0.547 × 17,990.4 × 1% = 98.40749: not liquidated.
        // 17,990.3: equity 98.35785 ≤ 98.406941: liquidated.
        Assert.DoesNotContain(engine.Mark("17990.5").Events, e => e is LiquidationStarted);
        Assert.DoesNotContain(engine.Mark("17990.4").Events, e => e is LiquidationStarted);
        Assert.Contains(new LiquidationStarted(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("0.547"), P("17990.3"), M("98.35785"), M("98.406941")),
            engine.Mark("17990.3").Events);
        Assert.False(engine.HasPosition(Alice, MarginScope.Isolated));
        Assert.Equal(new SweepCompleted(Btcusdt, 0, 0, 0), Assert.Single(engine.Accept(new Sweep(Btcusdt)).Events));
    }
}
