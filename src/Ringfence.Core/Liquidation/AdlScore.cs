using Ringfence.Core.Numerics;

namespace Ringfence.Core.Liquidation;

/// <summary>
/// The auto-deleveraging ranking score, "PnL% × effective leverage" (BitMEX, OKX, Bybit): profitable, highly leveraged
/// positions are deleveraged first; a losing position scores PnL% ÷ effective leverage, so it comes last. A risk
/// estimate in floating point (deterministic IEEE arithmetic), used only to order candidates.
/// </summary>
public static class AdlScore
{
    /// <summary>The score of a position.</summary>
    /// <param name="unrealizedPnl">PnL at mark.</param>
    /// <param name="entryNotional">Notional at entry (the PnL% denominator).</param>
    /// <param name="markNotional">Notional at mark.</param>
    /// <param name="equity">Collateral behind the position plus its PnL.</param>
    public static double Of(Money unrealizedPnl, Money entryNotional, Money markNotional, Money equity)
    {
        if (!entryNotional.IsPositive)
        {
            return 0;
        }

        var pnlPercent = (double)unrealizedPnl.Units / entryNotional.Units;
        var leverage = equity.IsPositive ? (double)markNotional.Units / equity.Units : double.MaxValue;
        return pnlPercent > 0 ? pnlPercent * leverage : pnlPercent / leverage;
    }
}
