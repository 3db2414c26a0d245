using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Cli.Calc;

/// <summary>
/// Applies <see cref="IsolatedMarginModel"/> to a <see cref="PositionRequest"/>: opens the position (from a leverage
/// or a margin), then computes every figure of the <see cref="PositionReport"/>.
/// </summary>
internal static class PositionCalculator
{
    /// <summary>Computes the report.</summary>
    /// <exception cref="InputException">The position cannot be opened as given, or a figure leaves the 64-bit range.</exception>
    public static PositionReport Calculate(PositionRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        try
        {
            return CalculateChecked(request);
        }
        catch (OverflowException exception)
        {
            throw new InputException("input", $"a result is out of range: {exception.Message}", exception);
        }
    }

    private static PositionReport CalculateChecked(PositionRequest request)
    {
        var model = new IsolatedMarginModel(request.Profile, request.Tiers, request.TakerFee);
        var notional = EntryNotional(request);
        var (opening, leverage) = PositionOpening.Open(model, request, notional);

        var position = new IsolatedPosition(
            request.Contract, request.Side, request.Quantity, request.EntryPrice, opening + request.ExtraMargin - request.FundingPaid).Validate();
        var mark = request.MarkPrice ?? request.EntryPrice;
        RequireMarkNotionalInRange(request);
        var tier = model.TierAt(position, mark);
        var liquidationPrice = model.LiquidationPrice(position, request.TickSize);
        var liquidationTier = TierNumberAt(model, position, liquidationPrice);
        var atMark = request.MarkPrice is { } markPrice
            ? new MarkFigures(
                model.MarginRatio(position, markPrice),
                IsolatedMarginModel.UnrealizedPnl(position, markPrice),
                IsolatedMarginModel.Equity(position, markPrice),
                model.IsLiquidatable(position, markPrice))
            : null;

        return new PositionReport(
            request.Profile,
            notional,
            opening,
            position.Margin,
            leverage,
            model.StatedMaintenanceMargin(position, mark, leverage),
            tier,
            liquidationPrice,
            liquidationTier,
            model.BankruptcyPrice(position, request.TickSize),
            atMark,
            model.MaxRemovableMargin(position, mark, leverage),
            MaxQuantity(model, request, opening, leverage),
            PositionExplanation.Describe(request, model, position, mark, leverage, tier, liquidationPrice, liquidationTier));
    }

    /// <summary>
    /// The largest multiple of the lot size that the opening margin opens at the entry price with the leverage, within
    /// the tier limits; for a position opened from a margin, never less than its own size in whole lots.
    /// </summary>
    /// <remarks>
    /// A margin's leverage is notional ÷ margin rounded down to 10⁻⁸ (rounded for the venue), so its initial margin on
    /// the position's own size exceeds the margin by that rounding, and the search at it stops a lot short (0.00499999
    /// of 0.005 in the README's Binance example). At the exact ratio the margin opens exactly the position and no more:
    /// its own size, rounded down to the lot, is the answer whenever the tiers allow the leverage there.
    /// </remarks>
    private static Quantity MaxQuantity(IsolatedMarginModel model, PositionRequest request, Money opening, Leverage leverage)
    {
        var most = model.MaxQuantity(request.Contract, request.Side, request.EntryPrice, opening, leverage, request.LotSize);
        if (request.Margin is null)
        {
            return most;
        }

        var own = request.Quantity.RoundTo(request.LotSize, Rounding.Down);
        return own > most && own.IsPositive && model.CheckOpening(request.Contract, own, request.EntryPrice, leverage) is null ? own : most;
    }

    private static Money EntryNotional(PositionRequest request)
    {
        try
        {
            return request.Contract.Notional(request.Quantity, request.EntryPrice, Rounding.Up);
        }
        catch (OverflowException exception)
        {
            throw new InputException("quantity", $"the notional at the entry price is out of range: {exception.Message}", exception);
        }
    }

    private static void RequireMarkNotionalInRange(PositionRequest request)
    {
        try
        {
            _ = request.MarkPrice is { } mark ? request.Contract.Notional(request.Quantity, mark, Rounding.Up) : Money.Zero;
        }
        catch (OverflowException exception)
        {
            throw new InputException("markPrice", $"the notional at the mark price is out of range: {exception.Message}", exception);
        }
    }

    /// <summary>
    /// The tier the notional falls in at <paramref name="price"/>. Core answers "liquidatable at every price" with
    /// sentinel prices (one tick for a short, the largest tick for a long) whose notional may overflow; that lies
    /// beyond every cap. So does an inverse notional at 0, the price of a short whose root lies below one tick.
    /// </summary>
    private static int? TierNumberAt(IsolatedMarginModel model, IsolatedPosition position, Price? price)
    {
        if (price is not { } at)
        {
            return null;
        }

        if (!at.IsPositive && position.Contract.Type == ContractType.Inverse)
        {
            return model.Tiers.Tiers[^1].Number;
        }

        try
        {
            return model.TierAt(position, at).Number;
        }
        catch (OverflowException)
        {
            return model.Tiers.Tiers[^1].Number;
        }
    }
}
