using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Cli.Calc;

/// <summary>The figures <c>calc position</c> reports for one position, before rendering.</summary>
/// <param name="Profile">The venue rules applied.</param>
/// <param name="Notional">Value at the entry price.</param>
/// <param name="InitialMargin">The opening margin: computed from the leverage, or the margin given.</param>
/// <param name="Margin">Position margin W = opening margin + extra margin − funding paid.</param>
/// <param name="Leverage">The leverage given, or the one the margin implies (rounded down).</param>
/// <param name="MaintenanceMargin">
/// Maintenance margin at the valuation price as the venue states it (<see cref="IsolatedMarginModel.StatedMaintenanceMargin"/>).
/// </param>
/// <param name="Tier">The risk tier at the valuation price.</param>
/// <param name="LiquidationPrice">Liquidation price rounded to the tick, or null when no price liquidates.</param>
/// <param name="LiquidationTier">Tier number at the liquidation price, or null when there is none.</param>
/// <param name="BankruptcyPrice">Bankruptcy price rounded to the tick, or null when there is none.</param>
/// <param name="AtMark">The figures that need a mark price; null when none was given.</param>
/// <param name="MaxRemovableMargin">The most margin that can be removed at the valuation price.</param>
/// <param name="MaxQuantity">The largest lot multiple the opening margin can open at entry.</param>
/// <param name="Explanation">Which rules and tiers produced the figures, in words.</param>
internal sealed record PositionReport(
    VenueProfile Profile,
    Money Notional,
    Money InitialMargin,
    Money Margin,
    Leverage Leverage,
    Money MaintenanceMargin,
    RiskTier Tier,
    Price? LiquidationPrice,
    int? LiquidationTier,
    Price? BankruptcyPrice,
    MarkFigures? AtMark,
    Money MaxRemovableMargin,
    Quantity MaxQuantity,
    string Explanation);
