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
using static Ringfence.Core.Tests.Engine.Handlers.LiquidatorTests;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine.Handlers;

/// <summary>
/// The end of the waterfall: an execution worse than bankruptcy paid by the insurance fund, auto-deleveraging at the
/// bankruptcy price when the fund is short, the backstop for what no counterparty can take; and the liquidation of
/// cross accounts and pods, largest requirement first.
/// </summary>
public sealed class LiquidatorShortfallTests
{
    private static AccountId Carol { get; } = AccountId.Create("carol");

    private static AccountId Dave { get; } = AccountId.Create("dave");

    /// <summary>BTCUSDT at a flat 2% maintenance (up to 40×), 0.5% liquidation fee; 20,000 within 1%, 200,000 within 5%.</summary>
    private static MarginEngine ThinBook() => Open(
        Linear(RiskTierTable.Flat(Rate.Parse("0.02"), maxLeverage: Leverage.FromWhole(40))),
        liquidity: DepthCurve.Create([(M("20000"), Rate.Parse("0.01")), (M("200000"), Rate.Parse("0.05"))]));

    [Fact]
    public void An_execution_worse_than_bankruptcy_is_paid_by_the_insurance_fund_when_it_can()
    {
        var engine = ThinBook();
        engine.Accept(Match("1", "20000", Isolated(Bob, 25), Cross(Maker)));
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        // Bob (margin 800, LP 19,591.9) first fills the fund: impact 19,500 × 1% ÷ 20,000 = 0.975%, price
        // 19,500 × 0.99025 = 19,309.875 → 19,309.8; PnL −690.2 leaves 109.8: fee 96.549, forfeited 13.251.
        var first = engine.Mark("19500");
        Assert.Contains(new PositionLiquidated(Bob, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("1"), P("19309.8"), false, M("-690.2"), M("96.549"), M("13.251")), first.Events);
        Assert.Equal(M("109.8"), engine.Fund());

        var result = engine.Mark("18100");

        // Alice (margin 2,000, LP 18,000 ÷ 0.98 → 18,367.4, bankrupt at 18,000): equity 100 ≤ 362. Impact
        // 18,100 × 1% ÷ 20,000 = 0.905%: 18,100 × 0.99095 = 17,936.195 → 17,936.1. PnL −2,063.9: the collateral pays
        // 2,000 and the fund the gap of 63.9 (≤ 109.8); nothing is left for a fee.
        Assert.Equal(
        [
            new LiquidationStarted(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("1"), P("18100"), M("100"), M("362")),
            new BankruptcyGapCovered(Alice, Btcusdt, M("63.9")),
            new InsuranceFundChanged(Btcusdt, Usdt, M("-63.9"), M("45.9"), "bankruptcy gap"),
            new PositionLiquidated(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("1"), P("17936.1"), false, M("-2063.9"), Money.Zero, Money.Zero),
        ], result.Events.Where(e => e is LiquidationStarted or BankruptcyGapCovered or InsuranceFundChanged or PositionLiquidated));
        Assert.Contains(new Posting(LedgerAccount.InsuranceFund(Btcusdt, Usdt), LedgerAccount.Clearing(Btcusdt, Usdt), M("63.9")), result.Postings);
        Assert.DoesNotContain(result.Events, e => e is AutoDeleveraged or BackstopAbsorbed);

        Assert.Equal(M("45.9"), engine.Fund());
        Assert.Equal(
            [new InsuranceFundEntry(M("109.8"), M("109.8"), "liquidation fee and remaining collateral"), new InsuranceFundEntry(M("-63.9"), M("45.9"), "bankruptcy gap")],
            engine.View().InsuranceFundHistory[Btcusdt]);
        // The backstop holds both longs: (19,309.8 + 17,936.1) ÷ 2 = 18,622.95. Alice's free balance is untouched.
        var backstop = engine.Position(AccountId.Backstop, MarginScope.Cross);
        Assert.Equal((Q("2"), P("18622.95")), (backstop.Quantity, backstop.EntryPrice));
        Assert.Equal(M("8000"), engine.Free(Alice));
    }

    /// <summary>
    /// Alice long 1 at 20,000, 10× (margin 2,000; LP (20,000 − 2,000) ÷ 0.995 → 18,090.5; bankrupt at 18,000); bob short
    /// 0.6, 20× (margin 600); alice.sub short 0.6, 5× (margin 2,400); the maker ends long 0.2 (cross). No liquidity model.
    /// </summary>
    private static MarginEngine Deleveraging()
    {
        var engine = Open();
        engine.Accept(new Deposit(AliceSub, Usdt, M("5000")));
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));
        engine.Accept(Match("0.6", "20000", Cross(Maker), Isolated(Bob, 20)));
        engine.Accept(Match("0.6", "20000", Cross(Maker), Isolated(AliceSub, 5)));
        return engine;
    }

    [Fact]
    public void The_adl_rank_orders_each_side_by_PnL_percent_times_effective_leverage()
    {
        var engine = Deleveraging();
        engine.Mark("18500");

        // Shorts, 7.5% up: bob 900 on 600 → 11,100 ÷ 1,500 = 7.4× → 0.555; alice.sub 11,100 ÷ 3,300 = 3.36× → 0.252.
        // Longs, 7.5% down: alice −0.075 ÷ (18,500 ÷ 500 = 37×) = −0.0020; the maker, behind 1,000,000 of free balance,
        // −0.075 ÷ 0.0037× ≈ −20. The backstop is not ranked (0).
        var ranks = engine.View().Positions.ToDictionary(p => p.Account, p => p.AdlRank);
        Assert.Equal(1, ranks[Bob]);
        Assert.Equal(2, ranks[AliceSub]);
        Assert.Equal(1, ranks[Alice]);
        Assert.Equal(2, ranks[Maker]);
    }

    [Fact]
    public void When_the_fund_cannot_pay_the_gap_the_best_ranked_opposite_positions_take_it_at_the_bankruptcy_price()
    {
        var engine = Deleveraging();

        var result = engine.Mark("17900");

        // At the mark alice would lose 2,100 of her 2,000: a gap of 100 and an empty fund. She is closed at her
        // bankruptcy price, 18,000, losing exactly her collateral (nothing to forfeit), against the shorts best ranked
        // at 17,900: bob (10.5% × 10,740 ÷ 1,860 = 0.61) takes 0.6, alice.sub (10.5% × 10,740 ÷ 3,660 = 0.31) 0.4.
        Assert.Equal(
        [
            typeof(MarkPriceUpdated), typeof(LiquidationStarted), typeof(PositionLiquidated), typeof(PositionClosed), typeof(AutoDeleveraged),
            typeof(PositionChanged), typeof(AutoDeleveraged),
        ], result.Events.Select(e => e.GetType()));
        Assert.Contains(new PositionLiquidated(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("1"), P("18000"), false, M("-2000"), Money.Zero, Money.Zero), result.Events);
        Assert.Contains(new AutoDeleveraged(Bob, Btcusdt, MarginScope.Isolated, PositionSide.Short, Q("0.6"), P("18000"), Alice), result.Events);
        Assert.Contains(new AutoDeleveraged(AliceSub, Btcusdt, MarginScope.Isolated, PositionSide.Short, Q("0.4"), P("18000"), Alice), result.Events);

        // Bob closes: PnL 0.6 × 2,000 = 1,200, his 600 and the 1,200 return: free 10,000 − 600 + 1,800 = 11,200.
        Assert.Contains(new PositionClosed(Bob, Btcusdt, MarginScope.Isolated, M("1200"), M("1800")), result.Events);
        Assert.Equal(M("11200"), engine.Free(Bob));
        // alice.sub reduces 0.6 → 0.2: PnL 800 and 0.4 ÷ 0.6 of 2,400 = 1,600 released; 800 stays behind the 0.2.
        Assert.Contains(new PositionChanged(AliceSub, Btcusdt, MarginScope.Isolated, PositionSide.Short, Q("0.2"), P("20000"), M("-2400"), M("800")), result.Events);
        Assert.Equal(M("5000"), engine.Free(AliceSub));
        Assert.Equal(M("800"), engine.Position(AliceSub, MarginScope.Isolated).Margin);

        // Zero-sum: alice's −2,000 is bob's +1,200 and alice.sub's +800; no fund, no backstop involved; open interest
        // is the maker's long 0.2 against alice.sub's short 0.2.
        Assert.Equal(Money.Zero, engine.Fund());
        Assert.Empty(engine.View().InsuranceFundHistory);
        Assert.Equal(M("8000"), engine.Free(Alice));
        Assert.Equal(
            [(Maker, PositionSide.Long, Q("0.2")), (AliceSub, PositionSide.Short, Q("0.2"))],
            engine.View().Positions.Select(p => (p.Account, p.Side, p.Quantity)).OrderBy(p => p.Side));
        Assert.DoesNotContain(result.Events, e => e is BankruptcyGapCovered or BackstopAbsorbed or InsuranceFundChanged);
    }

    [Fact]
    public void What_no_counterparty_can_absorb_the_backstop_takes_at_the_bankruptcy_price()
    {
        var engine = Open();
        engine.ListEther();
        engine.AcceptAll(new CreateAccount(Carol), new Deposit(Carol, Usdt, M("500")));
        // Carol is healthy on the strength of an ETH profit (10 bought at 1,000, marked at 2,000: +10,000) but holds only
        // 500 of free balance behind a cross short of 1.2 BTC sold at 17,000.
        engine.Accept(Match("10", "1000", Cross(Carol, 50), Cross(Maker), Ethusdt));
        engine.Mark("2000", Ethusdt);
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));
        engine.Accept(Match("0.4", "20000", Cross(Maker), Isolated(Bob, 20)));
        engine.Accept(Match("1.2", "17000", Cross(Maker), Cross(Carol, 20)));

        var result = engine.Mark("17900");

        // Alice is deleveraged at 18,000. Bob (10.5% up, 7,160 ÷ 1,240 = 5.8×) ranks before carol (−5.3%): he takes 0.4
        // (PnL 800). Carol would take the other 0.6 at 18,000, a loss of 0.6 × 1,000 = 600 against her 500 of free
        // balance: she cannot, and the backstop takes 0.6 at 18,000.
        Assert.Equal(
        [
            new PositionLiquidated(Alice, Btcusdt, MarginScope.Isolated, PositionSide.Long, Q("1"), P("18000"), false, M("-2000"), Money.Zero, Money.Zero),
            new AutoDeleveraged(Bob, Btcusdt, MarginScope.Isolated, PositionSide.Short, Q("0.4"), P("18000"), Alice),
            new BackstopAbsorbed(Btcusdt, Q("0.6"), P("18000")),
        ], result.Events.Where(e => e is PositionLiquidated or AutoDeleveraged or BackstopAbsorbed));
        Assert.Equal(M("10800"), engine.Free(Bob));
        Assert.Equal(M("500"), engine.Free(Carol));
        Assert.Equal(Q("1.2"), engine.Position(Carol, MarginScope.Cross).Quantity);
        var backstop = engine.Position(AccountId.Backstop, MarginScope.Cross);
        Assert.Equal((PositionSide.Long, Q("0.6"), P("18000")), (backstop.Side, backstop.Quantity, backstop.EntryPrice));
        // Open interest including the backstop: maker long 0.6 + backstop long 0.6 = carol's short 1.2.
        var btc = engine.View().Positions.Where(p => p.Symbol == Btcusdt).ToList();
        Assert.Equal(
            btc.Where(p => p.Side == PositionSide.Long).Sum(p => p.Quantity.Units),
            btc.Where(p => p.Side == PositionSide.Short).Sum(p => p.Quantity.Units));
    }

    [Fact]
    public void A_cross_account_s_profits_pay_its_losses_before_the_insurance_fund_or_anyone_else()
    {
        var dave = Dave;
        var engine = Open();
        engine.ListEther();
        engine.AcceptAll(new CreateAccount(dave), new Deposit(dave, Usdt, M("1000")));
        // Dave's cross account: 1,000 of cash, 10 ETH bought at 1,000 and marked at 2,000 (+10,000), 2 BTC bought at
        // 20,000 from bob's isolated short.
        engine.Accept(Match("10", "1000", Cross(dave, 50), Cross(Maker), Ethusdt));
        engine.Mark("2000", Ethusdt);
        engine.Accept(Match("2", "20000", Cross(dave, 50), Isolated(Bob, 5)));

        var result = engine.Mark("14500");

        // Equity 1,000 + 10,000 − 11,000 = 0 ≤ 145 + 100. Closing BTC (the larger requirement) would lose 11,000, more
        // than the 1,000 of cash, so the ETH profit is realized first: +10,000, fee 20,000 × 0.5% = 100 (to the ETHUSDT
        // fund) → cash 10,900. At 14,500 BTC would still leave a 100 gap and the BTCUSDT fund is empty: it is
        // deleveraged at the bankruptcy price of what is left, 20,000 − 10,900 ÷ 2 = 14,550, against bob's short —
        // dave's own profit paid all of his loss, and nobody paid for him.
        var liquidated = result.Events.OfType<PositionLiquidated>().ToList();
        Assert.Equal([Ethusdt, Btcusdt], liquidated.Select(e => e.Symbol));
        Assert.Equal(M("10000"), liquidated[0].RealizedPnl);
        Assert.Equal(M("100"), liquidated[0].Fee);
        Assert.Equal(P("14550"), liquidated[1].Price);
        Assert.Equal(M("-10900"), liquidated[1].RealizedPnl);
        Assert.Contains(new AutoDeleveraged(Bob, Btcusdt, MarginScope.Isolated, PositionSide.Short, Q("2"), P("14550"), dave), result.Events);
        Assert.DoesNotContain(result.Events, e => e is BankruptcyGapCovered or BackstopAbsorbed);
        Assert.Equal(Money.Zero, engine.Free(dave));
        Assert.False(engine.HasPosition(Bob, MarginScope.Isolated));
        Assert.Equal(Money.Zero, engine.Fund());
        Assert.All(engine.Audit(), audit => Assert.True(audit.Balances));
    }

    [Fact]
    public void A_cross_account_is_liquidated_largest_requirement_first_until_it_is_healthy()
    {
        var engine = Open(Linear(liquidationFee: Rate.Parse("0.001")));
        engine.ListEther();
        engine.AcceptAll(new CreateAccount(Dave), new Deposit(Dave, Usdt, M("1500")));
        engine.Accept(Match("1", "20000", Cross(Dave, 50), Cross(Maker)));
        engine.Accept(Match("10", "1000", Cross(Dave, 50), Cross(Maker), Ethusdt));

        var result = engine.Mark("18600");

        // Equity 1,500 − 1,400 = 100; maintenance 18,600 × 0.5% = 93 (BTC) + 10,000 × 0.5% = 50 (ETH) = 143. BTC's is
        // the larger: closed at 18,600, PnL −1,400 from the free balance, fee 18,600 × 0.1% = 18.6. Then equity 81.4 >
        // 50: ETH stays.
        Assert.Equal(
        [
            new LiquidationStarted(Dave, Btcusdt, MarginScope.Cross, PositionSide.Long, Q("1"), P("18600"), M("100"), M("143")),
            new PositionLiquidated(Dave, Btcusdt, MarginScope.Cross, PositionSide.Long, Q("1"), P("18600"), false, M("-1400"), M("18.6"), Money.Zero),
        ], result.Events.Where(e => e is LiquidationStarted or PositionLiquidated));
        Assert.Equal(M("81.4"), engine.Free(Dave));
        Assert.False(engine.HasPosition(Dave, MarginScope.Cross));
        Assert.Equal(Q("10"), engine.Position(Dave, MarginScope.Cross, Ethusdt).Quantity);
        Assert.Equal(M("18.6"), engine.Fund());
    }

    [Fact]
    public void A_pod_is_liquidated_from_its_own_collateral_and_the_owner_s_free_balance_is_untouched()
    {
        var engine = Open(Linear(liquidationFee: Rate.Parse("0.001")));
        engine.AcceptAll(new CreatePod(Alice, "basis"), new FundPod(Alice, "basis", Usdt, M("500")));
        engine.Accept(Match("1", "20000", InPod(Alice, "basis", 50), Cross(Maker)));

        var result = engine.Mark("19590");

        // Pod equity 500 − 410 = 90 ≤ 19,590 × 0.5% = 97.95: closed at 19,590, fee 19.59; a pod keeps the rest.
        Assert.Equal(
        [
            new LiquidationStarted(Alice, Btcusdt, MarginScope.InPod("basis"), PositionSide.Long, Q("1"), P("19590"), M("90"), M("97.95")),
            new PositionLiquidated(Alice, Btcusdt, MarginScope.InPod("basis"), PositionSide.Long, Q("1"), P("19590"), false, M("-410"), M("19.59"), Money.Zero),
        ], result.Events.Where(e => e is LiquidationStarted or PositionLiquidated));
        Assert.Equal(M("70.41"), engine.Pod(Alice, "basis").Collateral);
        Assert.Equal(M("9500"), engine.Free(Alice));
        Assert.DoesNotContain(result.Postings, p => p.From == LedgerAccount.Free(Alice, Usdt) || p.To == LedgerAccount.Free(Alice, Usdt));
    }
}
