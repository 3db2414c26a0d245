using Ringfence.Core.Liquidation;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Liquidation;

/// <summary>
/// The auto-deleveraging score (BitMEX's published ranking, ref §5.4; OKX §4.4): PnL% × effective leverage for a
/// profit, PnL% ÷ effective leverage for a loss, with effective leverage = notional at mark ÷ (collateral + PnL).
/// </summary>
public sealed class AdlScoreTests
{
    private static double Score(long pnl, long entryNotional, long markNotional, long equity) =>
        AdlScore.Of(Money.FromWhole(pnl), Money.FromWhole(entryNotional), Money.FromWhole(markNotional), Money.FromWhole(equity));

    [Fact]
    public void A_profit_scores_its_PnL_percent_times_the_effective_leverage()
    {
        // A short of 1 at 20,000 marked at 18,000: PnL 2,000 = 10% of 20,000; margin 1,000 + 2,000 = 3,000 of equity
        // behind 18,000 of notional: 6× → 0.6.
        Assert.Equal(0.6, Score(2_000, 20_000, 18_000, 3_000), 12);

        // A long of 1 at 10,000 marked at 11,000 with 1,000 margin: 10% × 11,000 ÷ 2,000 = 10% × 5.5 = 0.55.
        Assert.Equal(0.55, Score(1_000, 10_000, 11_000, 2_000), 12);
    }

    [Fact]
    public void A_loss_scores_its_PnL_percent_divided_by_the_effective_leverage()
    {
        // A long of 1 at 10,000 marked at 9,000 with 2,000 margin: −10% ÷ (9,000 ÷ 1,000 = 9×) = −0.0111…
        Assert.Equal(-0.1 / 9, Score(-1_000, 10_000, 9_000, 1_000), 12);

        // The same loss at 2× (equity 4,500): −10% ÷ 2 = −0.05, ranked after the 9× loser.
        Assert.Equal(-0.05, Score(-1_000, 10_000, 9_000, 4_500), 12);
        Assert.True(Score(-1_000, 10_000, 9_000, 1_000) > Score(-1_000, 10_000, 9_000, 4_500));
    }

    [Fact]
    public void The_more_leveraged_of_two_equal_profits_is_deleveraged_first_and_any_profit_before_any_loss()
    {
        // Both 10% up; 20× effective (notional 18,000, equity 900) against 2× (equity 9,000): 2.0 against 0.2.
        var high = Score(2_000, 20_000, 18_000, 900);
        var low = Score(2_000, 20_000, 18_000, 9_000);

        Assert.Equal(2.0, high, 12);
        Assert.Equal(0.2, low, 12);
        Assert.True(low > Score(-1, 20_000, 18_000, 9_000));
    }

    [Fact]
    public void No_entry_notional_scores_zero_and_no_equity_is_the_extreme_leverage()
    {
        Assert.Equal(0, Score(100, 0, 18_000, 900));

        // Equity at or below zero: leverage is taken as double.MaxValue — a profit then ranks above any finite one, a
        // loss shrinks to almost zero (above any finite loss).
        Assert.True(Score(1_000, 10_000, 11_000, 0) > Score(1_000, 10_000, 11_000, 1));
        Assert.True(Score(-1_000, 10_000, 9_000, -5) > Score(-1_000, 10_000, 9_000, 1_000));
    }
}
