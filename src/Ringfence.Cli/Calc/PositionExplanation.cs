using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Cli.Calc;

/// <summary>The short text that says which rules produced a <see cref="PositionReport"/>'s figures.</summary>
internal static class PositionExplanation
{
    /// <summary>Profile, tier and rate used, tier at the liquidation price, fee treatment, valuation, margin-ratio formula.</summary>
    public static string Describe(PositionRequest request, IsolatedMarginModel model, RiskTier tier, Price? liquidationPrice, int? liquidationTier)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(model);
        ArgumentNullException.ThrowIfNull(tier);
        var profile = request.Profile;
        var sentences = new[]
        {
            $"{profile.Title} ({profile.Name}).",
            $"{Valuation(request)}: tier {tier.Number} (MMR {tier.MaintenanceRate}, maintenance amount {tier.MaintenanceAmount}).",
            liquidationPrice is { } price
                ? $"At the liquidation price {price}: tier {liquidationTier}."
                : "No positive price liquidates the position.",
            $"{CloseFee(profile.CloseFee, model.TakerFee)}.",
            $"Margin ratio = {profile.MarginRatio.Formula}.",
        };
        return string.Join(' ', sentences);
    }

    private static string Valuation(PositionRequest request) =>
        request.Profile.Valuation == MaintenanceValuation.AtEntry
            ? $"Maintenance valued at the entry price {request.EntryPrice} (fixed when opened)"
            : request.MarkPrice is { } mark
                ? $"Maintenance valued at the mark price {mark}"
                : $"Maintenance valued at the entry price {request.EntryPrice} (no markPrice given)";

    private static string CloseFee(CloseFee closeFee, Rate takerFee) => closeFee switch
    {
        Core.Margin.CloseFee.BankruptcyValue =>
            $"Taker fee {takerFee}: the fee to close (bankruptcy value x taker fee) is reserved in initial and maintenance margin",
        Core.Margin.CloseFee.MarkNotional =>
            $"Taker fee {takerFee}: added to the MMR on the notional at mark",
        _ => $"Taker fee {takerFee}: no fee to close is reserved (the venue charges a liquidation fee instead)",
    };
}
