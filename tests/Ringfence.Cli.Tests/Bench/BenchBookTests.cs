using Ringfence.Cli.Bench;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Margin;
using Ringfence.Core.Ledger;
using Ringfence.Core.Positions;

namespace Ringfence.Cli.Tests.Bench;

/// <summary>
/// The benchmark books: the snapshot build leaves exactly the state the trades leave, the books are deterministic,
/// quiet marks liquidate nothing, and a crash liquidates exactly what the margin check says, at the mark, without
/// auto-deleveraging.
/// </summary>
public sealed class BenchBookTests
{
    [Theory]
    [InlineData(1)]
    [InlineData(37)]
    [InlineData(400)]
    public void Snapshot_Build_Has_The_State_Hash_Of_Executing_The_Trades(int positions)
    {
        var bySnapshot = LiquidationBook.Build(positions, BookBuild.Snapshot);
        var byTrades = LiquidationBook.Build(positions, BookBuild.Trades);

        Assert.Equal(byTrades.Engine.Hash(), bySnapshot.Engine.Hash());
        Assert.All(bySnapshot.Engine.Audit(), a => Assert.True(a.Balances, a.ToString()));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(250)]
    public void Cross_Snapshot_Build_Has_The_State_Hash_Of_Executing_The_Trades(int accounts)
    {
        var bySnapshot = CrossBook.Build(accounts, BookBuild.Snapshot);
        var byTrades = CrossBook.Build(accounts, BookBuild.Trades);

        Assert.Equal(byTrades.Engine.Hash(), bySnapshot.Engine.Hash());
    }

    [Fact]
    public void Plan_Is_Determined_By_The_Seed()
    {
        Assert.Equal(LiquidationBook.Plan(500), LiquidationBook.Plan(500));
        Assert.NotEqual(LiquidationBook.Plan(500), LiquidationBook.Plan(500, seed: 7));
        Assert.Equal(CrossBook.Plan(200), CrossBook.Plan(200));
    }

    [Fact]
    public void Every_Tenth_Position_Is_A_Long_In_The_Crash_Band_And_The_Rest_Are_Far_From_The_Mark()
    {
        var book = LiquidationBook.Build(1_000);
        var mark = BenchMarket.Mark.Units;

        for (var i = 0; i < book.Positions; i++)
        {
            var entry = book.Entries[i];
            var price = book.LiquidationPrices[i]!.Value.Units;
            if (i % 10 == 0)
            {
                Assert.Equal(PositionSide.Long, entry.Side);
                Assert.InRange(price, mark * 949 / 1000, mark * 954 / 1000);
            }
            else if (entry.Side == PositionSide.Long)
            {
                Assert.InRange(price, mark * 49 / 100, mark * 931 / 1000);
            }
            else
            {
                Assert.InRange(price, mark * 1069 / 1000, mark * 151 / 100);
            }
        }
    }

    [Fact]
    public void Quiet_Marks_Liquidate_Nothing_And_The_Sweep_Agrees_With_The_Index()
    {
        var book = LiquidationBook.Build(2_000);
        foreach (var mark in new[] { BenchMarket.QuietMark, BenchMarket.Mark })
        {
            var update = book.Engine.Execute(new UpdateMarkPrice(BenchMarket.Symbol, mark));
            Assert.True(update.Accepted);
            Assert.DoesNotContain(update.Events, e => e is LiquidationStarted);

            var sweep = Assert.Single(book.Engine.Execute(new Sweep(BenchMarket.Symbol)).Events.OfType<SweepCompleted>());
            Assert.Equal((2_000, 0, 0), (sweep.Positions, sweep.Liquidatable, sweep.Disagreements));
        }
    }

    [Theory]
    [InlineData(0.01)]
    [InlineData(0.1)]
    public void A_Crash_Liquidates_What_The_Margin_Check_Names_At_The_Mark_Without_Deleveraging(double share)
    {
        var book = LiquidationBook.Build(2_000);
        var mark = book.CrashPrice(share);
        var expected = book.LiquidatableAt(mark);
        var engine = MarginEngine.Restore(book.Snapshot);

        var crash = engine.Execute(new UpdateMarkPrice(BenchMarket.Symbol, mark));

        Assert.True(crash.Accepted);
        Assert.InRange(expected, (int)(share * 2_000), (int)(share * 2_000 * 1.2));
        var liquidated = crash.Events.OfType<PositionLiquidated>().ToList();
        Assert.Equal(expected, liquidated.Count);
        Assert.All(liquidated, l => Assert.Equal((PositionSide.Long, mark, false), (l.Side, l.Price, l.Partial)));
        Assert.DoesNotContain(crash.Events, e => e is AutoDeleveraged or BankruptcyGapCovered);
        Assert.DoesNotContain(liquidated, l => l.Account == BenchMarket.Maker);
        Assert.All(engine.Audit(), a => Assert.True(a.Balances, a.ToString()));
    }

    [Fact]
    public void The_Crash_Share_Must_Lie_In_The_Band()
    {
        var book = LiquidationBook.Build(100);
        Assert.Throws<ArgumentOutOfRangeException>(() => book.CrashPrice(0));
        Assert.Throws<ArgumentOutOfRangeException>(() => book.CrashPrice(0.2));
    }

    [Fact]
    public void The_Stand_Alone_Index_Offers_What_The_Engine_Liquidates()
    {
        var book = LiquidationBook.Build(1_000);
        var mark = book.CrashPrice(0.05);
        var crossed = book.Index().Crossed(BenchMarket.Symbol, mark);

        Assert.Empty(book.Index().Crossed(BenchMarket.Symbol, BenchMarket.QuietMark));
        Assert.True(crossed.Count >= book.LiquidatableAt(mark));
    }

    [Fact]
    public void The_Bare_Positions_Carry_The_Collateral_The_Ledger_Holds()
    {
        var book = LiquidationBook.Build(300);
        var balances = book.Snapshot.Balances.ToDictionary(b => b.Key, b => b.Value);
        var positions = LiquidationBook.IsolatedPositions(book.Entries);

        Assert.Equal(book.Positions, positions.Count);
        for (var i = 0; i < book.Positions; i++)
        {
            var key = new PositionKey(book.Entries[i].Account, BenchMarket.Symbol, MarginScope.Isolated);
            Assert.Equal(balances[LedgerAccount.PositionMargin(key, BenchMarket.Usdt)], positions[i].Margin);
        }
    }
}
