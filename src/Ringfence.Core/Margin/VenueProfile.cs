using Ringfence.Core.Numerics;
using Ringfence.Core.Pricing;

namespace Ringfence.Core.Margin;

/// <summary>
/// A venue's margin rules as data: the handful of choices by which real venues' isolated-margin formulas differ.
/// One generic solver (<see cref="IsolatedMarginModel"/>) applies them; no venue has a formula of its own.
/// </summary>
/// <param name="Name">Identifier used on the command line and in files (<c>binance</c>, <c>bybit</c>, …).</param>
/// <param name="Title">Human-readable name.</param>
/// <param name="Valuation">Whether maintenance is valued at the mark price or at the entry value.</param>
/// <param name="CloseFee">Whether, and how, the fee to close is reserved in the requirements.</param>
/// <param name="MarginRatio">How the margin ratio is stated.</param>
/// <param name="TransferFloor">
/// Share of the notional at mark that must stay in an isolated position when margin is removed, besides its initial
/// margin (Hyperliquid: 10%); zero elsewhere.
/// </param>
/// <param name="MaintenanceRateFromMaxLeverage">
/// True when the venue defines a tier's maintenance rate as half the initial rate at its maximum leverage (Hyperliquid),
/// so a tier given only a maximum leverage gets MMR = 1 ÷ (2 × max leverage).
/// </param>
/// <param name="Source">Where the rules are published; details in docs/formulas.md.</param>
public sealed record VenueProfile(
    string Name,
    string Title,
    MaintenanceValuation Valuation,
    CloseFee CloseFee,
    MarginRatioConvention MarginRatio,
    Rate TransferFloor,
    bool MaintenanceRateFromMaxLeverage,
    string Source)
{
    /// <summary>
    /// How the venue computes its funding rate and payment (docs/formulas.md, "Index, mark and funding"). Defaults to
    /// Binance's form (<see cref="BinanceFundingRule.Default"/>), Ringfence's own.
    /// </summary>
    public FundingRule FundingRule { get; init; } = BinanceFundingRule.Default;

    /// <summary>
    /// True when an isolated position's funding is paid from the owner's available balance first and from the
    /// position's margin only for the rest (Bybit); false when it comes from the position's margin (Binance and others).
    /// </summary>
    public bool FundingFromFreeBalanceFirst { get; init; }

    /// <summary>
    /// Whether the venue liquidates part of a position first (stepping down the risk tiers) or all of it at once.
    /// Defaults to stepping down (Bybit, OKX, BitMEX, Ringfence).
    /// </summary>
    public Liquidation.PartialLiquidation PartialLiquidation { get; init; } = Liquidation.PartialLiquidation.StepDownTiers;

    /// <summary>
    /// How the venue derives its mark price from the index. Defaults to Binance's published funding-basis form over an
    /// 8-hour interval, unclamped.
    /// </summary>
    public MarkPriceRule MarkPriceRule { get; init; } = new FundingBasisMarkPrice(TimeSpan.FromHours(8));

    /// <summary>
    /// The maintenance rate this venue implies for a tier that publishes only its maximum leverage, or null when the
    /// venue does not define one that way. Rounded up (a requirement).
    /// </summary>
    public Rate? ImpliedMaintenanceRate(Leverage maxLeverage) =>
        MaintenanceRateFromMaxLeverage
            ? Rate.FromUnits(FixedPoint.ToUnits(FixedPoint.Divide(
                (Int128)FixedPoint.Scale * FixedPoint.Scale, 2 * (Int128)maxLeverage.Units, Rounding.Up)))
            : null;
}
