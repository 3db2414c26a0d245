using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Cli.Calc;

/// <summary>The short text that says which rules produced a <see cref="PositionReport"/>'s figures.</summary>
internal static class PositionExplanation
{
    /// <summary>Profile, tier and rate used, tier at the liquidation price, fee treatment, valuation, margin-ratio formula.</summary>
    public static string Describe(
        PositionRequest request,
        IsolatedMarginModel model,
        IsolatedPosition position,
        Price valuation,
        Leverage leverage,
        RiskTier tier,
        Price? liquidationPrice,
        int? liquidationTier)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tier);
        var profile = request.Profile;
        string[] sentences =
        [
            $"{profile.Title} ({profile.Name}).",
            $"{Valuation(request)}: tier {tier.Number} (MMR {tier.MaintenanceRate}, maintenance amount {tier.MaintenanceAmount}).",
            liquidationPrice is { } price
                ? $"At the liquidation price {price}: tier {liquidationTier}."
                : "No positive price liquidates the position.",
            $"{CloseFee(profile.CloseFee, model.TakerFee)}.",
            .. LiquidationRequirement(model, position, valuation, leverage),
            $"Margin ratio = {profile.MarginRatio.Formula}.",
        ];
        return string.Join(' ', sentences);
    }

    private static string Valuation(PositionRequest request) =>
        request.Profile.Valuation == MaintenanceValuation.AtEntry
            ? $"Maintenance valued at the entry price {request.EntryPrice} (fixed when opened)"
            : request.MarkPrice is { } mark
                ? $"Maintenance valued at the mark price {mark}"
                : $"Maintenance valued at the entry price {request.EntryPrice} (no markPrice given)";

    /// <summary>
    /// Where the maintenance margin shown (the venue's stated figure) is not the one liquidation is checked against,
    /// one sentence with that one; nothing where they agree.
    /// </summary>
    private static IEnumerable<string> LiquidationRequirement(IsolatedMarginModel model, IsolatedPosition position, Price valuation, Leverage leverage)
    {
        var deciding = model.MaintenanceMargin(position, valuation);
        if (deciding == model.StatedMaintenanceMargin(position, valuation, leverage))
        {
            yield break;
        }

        yield return $"Liquidation price, margin ratio and liquidation check use maintenance {deciding}: the fee to close "
            + $"{model.CloseFeeReserve(position)} at the position's own bankruptcy price, which the margin added or funding paid "
            + "since opening moves (Bybit's liquidation-price formula).";
    }

    private static string CloseFee(CloseFee closeFee, Rate takerFee) => closeFee switch
    {
        Core.Margin.CloseFee.BankruptcyValue =>
            $"Taker fee {takerFee}: the fee to close (bankruptcy value x taker fee) is reserved in initial and maintenance margin, "
            + "stated at the leverage's bankruptcy price (entry x (1 -/+ 1/leverage))",
        Core.Margin.CloseFee.MarkNotional =>
            $"Taker fee {takerFee}: added to the MMR on the notional at mark",
        _ => $"Taker fee {takerFee}: no fee to close is reserved (the venue charges a liquidation fee instead)",
    };
}
