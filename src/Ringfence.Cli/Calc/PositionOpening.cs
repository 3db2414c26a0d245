using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Cli.Calc;

/// <summary>
/// How a requested position is opened: from a leverage (the model's initial margin, after the tier table's checks) or
/// from a margin (taken as given, with the leverage it implies).
/// </summary>
internal static class PositionOpening
{
    /// <summary>The opening margin and the leverage the later figures use.</summary>
    /// <exception cref="InputException">The tier table does not allow the opening; names the field to change.</exception>
    public static (Money Opening, Leverage Leverage) Open(IsolatedMarginModel model, PositionRequest request, Money entryNotional)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Leverage is { } leverage
            ? OpenWithLeverage(model, request, leverage)
            : OpenWithMargin(model, entryNotional, request.Margin!.Value);
    }

    private static (Money Opening, Leverage Leverage) OpenWithLeverage(IsolatedMarginModel model, PositionRequest request, Leverage leverage)
    {
        if (model.CheckOpening(request.Contract, request.Quantity, request.EntryPrice, leverage) is { } rejection)
        {
            // A notional beyond the last cap is fixed by a smaller quantity, not by another leverage.
            var field = rejection.Code == "NOTIONAL_ABOVE_MAX_TIER" ? "quantity" : "leverage";
            throw new InputException(field, rejection.Reason);
        }

        return (model.InitialMargin(request.Contract, request.Side, request.Quantity, request.EntryPrice, leverage), leverage);
    }

    private static (Money Opening, Leverage Leverage) OpenWithMargin(IsolatedMarginModel model, Money notional, Money margin)
    {
        if (!model.Tiers.Admits(notional))
        {
            throw new InputException("quantity", $"notional {notional} exceeds the largest tier cap {model.Tiers.MaxNotional}");
        }

        var tier = model.Tiers.ForNotional(notional);
        if (tier.MaxLeverage is { } max && notional.DivideBy(max, Rounding.Up) is var minimum && margin < minimum)
        {
            throw new InputException(
                "margin", $"margin {margin} is below notional {notional} / maximum leverage {max} of tier {tier.Number} = {minimum}");
        }

        var leverage = Leverage.Of(notional, margin, Rounding.Down);
        return leverage.IsPositive
            ? (margin, leverage)
            : throw new InputException("margin", $"margin {margin} on notional {notional} implies a leverage below 0.00000001");
    }
}
