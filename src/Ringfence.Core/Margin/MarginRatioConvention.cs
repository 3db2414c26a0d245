using Ringfence.Core.Numerics;

namespace Ringfence.Core.Margin;

/// <summary>
/// How a venue states a position's margin ratio. Venues disagree on the direction of the fraction, so the
/// convention is a small strategy object of the profile.
/// </summary>
public abstract class MarginRatioConvention
{
    /// <summary>
    /// Maintenance margin ÷ equity; the position is liquidated at 100% (Binance, Bybit, Hyperliquid, dYdX, Ringfence).
    /// Rounded up; undefined when equity is not positive.
    /// </summary>
    public static MarginRatioConvention MaintenanceOverEquity { get; } = new MaintenanceOverEquityConvention();

    /// <summary>
    /// Equity ÷ position value at mark; the position is liquidated when the ratio falls to MMR + fee rate or below
    /// (OKX isolated, "fixed margin" mode). Rounded down.
    /// </summary>
    public static MarginRatioConvention EquityOverNotional { get; } = new EquityOverNotionalConvention();

    /// <summary>The formula in words, for explanations.</summary>
    public abstract string Formula { get; }

    /// <summary>The ratio, or null where it is undefined (no equity, or no notional).</summary>
    public abstract Rate? Compute(Money equity, Money maintenanceMargin, Money notionalAtMark);

    private sealed class MaintenanceOverEquityConvention : MarginRatioConvention
    {
        public override string Formula => "maintenance margin / equity (liquidation at 100%)";

        public override Rate? Compute(Money equity, Money maintenanceMargin, Money notionalAtMark) =>
            equity.IsPositive ? maintenanceMargin.RatioTo(equity, Rounding.Up) : null;
    }

    private sealed class EquityOverNotionalConvention : MarginRatioConvention
    {
        public override string Formula => "equity / position value at mark (liquidation at MMR + fee rate)";

        public override Rate? Compute(Money equity, Money maintenanceMargin, Money notionalAtMark) =>
            notionalAtMark.IsPositive ? equity.RatioTo(notionalAtMark, Rounding.Down) : null;
    }
}
