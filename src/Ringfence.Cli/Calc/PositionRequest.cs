using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Cli.Calc;

/// <summary>
/// One validated <c>calc position</c> input: every field parsed exactly, defaults applied, and exactly one of
/// <see cref="Leverage"/> and <see cref="Margin"/> set.
/// </summary>
/// <param name="Profile">The venue rules.</param>
/// <param name="Contract">Linear or inverse, with its contract size.</param>
/// <param name="Side">Long or short.</param>
/// <param name="Quantity">Base units (linear) or contracts (inverse); positive.</param>
/// <param name="EntryPrice">Average entry price; positive.</param>
/// <param name="MarkPrice">Mark price, or null to value at the entry price.</param>
/// <param name="Leverage">The leverage to open with, or null when <see cref="Margin"/> is given.</param>
/// <param name="Margin">The isolated collateral allocated at opening, or null when <see cref="Leverage"/> is given.</param>
/// <param name="ExtraMargin">Margin added after opening (negative: removed).</param>
/// <param name="FundingPaid">Funding paid out of the position (negative: received).</param>
/// <param name="TakerFee">Taker fee rate in [0, 1).</param>
/// <param name="Tiers">The validated risk tier table.</param>
/// <param name="TickSize">Price increment the liquidation and bankruptcy prices are rounded to.</param>
/// <param name="LotSize">Size increment for the maximum quantity.</param>
internal sealed record PositionRequest(
    VenueProfile Profile,
    ContractSpec Contract,
    PositionSide Side,
    Quantity Quantity,
    Price EntryPrice,
    Price? MarkPrice,
    Leverage? Leverage,
    Money? Margin,
    Money ExtraMargin,
    Money FundingPaid,
    Rate TakerFee,
    RiskTierTable Tiers,
    Price TickSize,
    Quantity LotSize);
