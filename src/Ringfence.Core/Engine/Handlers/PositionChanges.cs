using System.Numerics;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Instruments;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Handlers;

/// <summary>
/// Applies a fill to one position in one-way mode — open, increase (average entry), reduce (realize PnL, release
/// collateral), close, or flip — moving collateral and PnL through the ledger.
/// </summary>
internal sealed class PositionChanges(CommandContext context)
{
    /// <summary>The leverage a cross or pod position gets when none is asked for: 20×, or the tier maximum if lower.</summary>
    private static readonly Leverage DefaultLeverage = Leverage.FromWhole(20);

    private EngineState State => context.State;

    /// <summary>
    /// Applies a fill; <paramref name="grew"/> tells whether the position's exposure grew (open, increase or flip). The
    /// backstop, which takes liquidated positions, is not held to tier limits (<paramref name="checkLimits"/> false).
    /// Returns false when a check refused the fill (the rejection is on the context).
    /// </summary>
    public bool Apply(PositionKey key, Market market, PositionSide direction, Quantity quantity, Price price, Leverage? leverage, Money? margin, out bool grew, bool checkLimits = true)
    {
        grew = false;

        // Refused the same way whatever the fill does to the position: taking one of the two silently would hide a
        // mistake on a side that happens to add to a position rather than open it.
        if (!context.Require(leverage is null || margin is null, RejectionCodes.MarginSpecification, "give a side either leverage or margin, not both"))
        {
            return false;
        }

        if (!State.TryGetPosition(key, out var existing))
        {
            grew = true;
            return Open(key, market, direction, quantity, price, leverage, margin, checkLimits);
        }

        if (existing.Side == direction)
        {
            grew = true;
            return Increase(existing, market, quantity, price, leverage, margin, checkLimits);
        }

        if (quantity < existing.Quantity)
        {
            return Reduce(existing, market, quantity, price);
        }

        if (!Close(existing, market, price))
        {
            return false;
        }

        var rest = quantity - existing.Quantity;
        if (!rest.IsPositive)
        {
            return true;
        }

        grew = true;
        return Open(key, market, direction, rest, price, leverage ?? (margin is null ? existing.Leverage : null), margin, checkLimits);
    }

    /// <summary>Closes a whole position at <paramref name="price"/>, releasing what is left of isolated collateral; false when refused.</summary>
    public bool Close(Position position, Market market, Price price)
    {
        if (!SettlePnl(position, market, position.Quantity, price, out var pnl))
        {
            return false;
        }

        var released = Money.Zero;
        if (position.Key.Scope.Kind == MarginScopeKind.Isolated)
        {
            released = context.Valuation.IsolatedMargin(position, market);
            State.Ledger.Transfer(State.CollateralOf(position.Key, market), State.FreeOf(position.Key.Account, market.SettleAsset), released);
        }

        State.RemovePosition(position.Key);
        context.Emit(new PositionClosed(position.Key.Account, position.Key.Symbol, position.Key.Scope, pnl, released));
        return true;
    }

    private bool Open(PositionKey key, Market market, PositionSide side, Quantity quantity, Price price, Leverage? leverage, Money? margin, bool checkLimits)
    {
        var contract = market.Instrument.Contract;
        var notional = contract.Notional(quantity, price, Rounding.Up);
        Leverage setting;
        var collateral = Money.Zero;
        if (key.Scope.Kind == MarginScopeKind.Isolated)
        {
            if (margin is { } given)
            {
                if (!context.RequirePositive(given, "margin"))
                {
                    return false;
                }

                setting = Leverage.Max(Leverage.One, Leverage.Of(notional, given, Rounding.Down));
                if (!CheckOpening(market, quantity, price, Leverage.Max(Leverage.One, Leverage.Of(notional, given, Rounding.Up))))
                {
                    return false;
                }

                collateral = given;
            }
            else
            {
                if (leverage is not { } asked)
                {
                    return context.Fail(RejectionCodes.MarginSpecification, $"a new isolated position of '{key.Account}' needs a leverage or a margin");
                }

                setting = asked;
                if (!CheckOpening(market, quantity, price, setting))
                {
                    return false;
                }

                collateral = market.Model.InitialMargin(contract, side, quantity, price, setting);
            }

            if (!context.RequireAvailable(key.Account, market.SettleAsset, collateral))
            {
                return false;
            }

            State.Ledger.Transfer(State.FreeOf(key.Account, market.SettleAsset), State.CollateralOf(key, market), collateral);
        }
        else
        {
            if (!context.Require(margin is null, RejectionCodes.MarginSpecification, "margin applies to isolated sides only; a cross or pod side may give a leverage"))
            {
                return false;
            }

            var tierMax = market.Instrument.Tiers.ForNotional(notional).MaxLeverage;
            setting = leverage ?? (tierMax is { } max ? Leverage.Min(DefaultLeverage, max) : DefaultLeverage);
            if (checkLimits && !CheckOpening(market, quantity, price, setting))
            {
                return false;
            }
        }

        State.PutPosition(new Position(key, side, quantity, price, setting, AutoTopUp.Off));
        context.Emit(new PositionOpened(key.Account, key.Symbol, key.Scope, side, quantity, price, collateral, setting));
        return true;
    }

    private bool Increase(Position position, Market market, Quantity quantity, Price price, Leverage? leverage, Money? margin, bool checkLimits)
    {
        var key = position.Key;
        if (!context.Require(leverage is null || leverage == position.Leverage, RejectionCodes.NotApplicable,
                $"the position has leverage {position.Leverage}; change it with setLeverage before trading at {leverage}")
            || !context.Require(margin is null || key.Scope.Kind == MarginScopeKind.Isolated, RejectionCodes.MarginSpecification,
                "margin applies to isolated sides only"))
        {
            return false;
        }

        var contract = market.Instrument.Contract;
        var total = position.Quantity + quantity;
        var collateral = Money.Zero;
        if (key.Scope.Kind == MarginScopeKind.Isolated)
        {
            if (margin is { } given)
            {
                if (!context.RequirePositive(given, "margin"))
                {
                    return false;
                }

                collateral = given;
                var held = context.Valuation.IsolatedMargin(position, market) + given;
                if (!CheckOpening(market, total, price, Leverage.Max(Leverage.One, Leverage.Of(contract.Notional(total, price, Rounding.Up), held, Rounding.Up))))
                {
                    return false;
                }
            }
            else
            {
                if (!CheckOpening(market, total, price, position.Leverage))
                {
                    return false;
                }

                collateral = market.Model.InitialMargin(contract, position.Side, quantity, price, position.Leverage);
            }

            if (!context.RequireAvailable(key.Account, market.SettleAsset, collateral))
            {
                return false;
            }

            State.Ledger.Transfer(State.FreeOf(key.Account, market.SettleAsset), State.CollateralOf(key, market), collateral);
        }
        else if (checkLimits && !CheckOpening(market, total, price, position.Leverage))
        {
            return false;
        }

        var entry = AverageEntry(contract, position.Side, position.Quantity, position.EntryPrice, quantity, price);
        State.PutPosition(position with { Quantity = total, EntryPrice = entry });
        context.Emit(new PositionChanged(key.Account, key.Symbol, key.Scope, position.Side, total, entry, collateral, Money.Zero));
        return true;
    }

    private bool Reduce(Position position, Market market, Quantity quantity, Price price)
    {
        var key = position.Key;
        var held = key.Scope.Kind == MarginScopeKind.Isolated ? context.Valuation.IsolatedMargin(position, market) : Money.Zero;
        if (!SettlePnl(position, market, quantity, price, out var pnl))
        {
            return false;
        }

        var released = Money.Zero;
        if (key.Scope.Kind == MarginScopeKind.Isolated)
        {
            // The closed share of the collateral plus the PnL returns to the free balance; a loss beyond that share is
            // borne by the remaining collateral, never by the free balance.
            var share = Money.FromUnits(FixedPoint.ToUnits(FixedPoint.MulDiv(held.Units, quantity.Units, position.Quantity.Units, Rounding.Down)));
            released = Money.Max(Money.Zero, share + pnl);
            State.Ledger.Transfer(State.CollateralOf(key, market), State.FreeOf(key.Account, market.SettleAsset), released);
        }

        var remaining = position.Quantity - quantity;
        State.PutPosition(position with { Quantity = remaining });
        context.Emit(new PositionChanged(key.Account, key.Symbol, key.Scope, position.Side, remaining, position.EntryPrice, -released, pnl));
        return true;
    }

    /// <summary>
    /// Pays the PnL of closing <paramref name="quantity"/> at <paramref name="price"/> between the clearing account and
    /// the collateral; false when a loss exceeds collateral that may not go negative.
    /// </summary>
    private bool SettlePnl(Position position, Market market, Quantity quantity, Price price, out Money pnl)
    {
        pnl = market.Instrument.Contract.Pnl(position.Side, quantity, position.EntryPrice, price, Rounding.Down);
        var collateral = State.CollateralOf(position.Key, market);
        var clearing = State.Ledger.SlotOf(LedgerAccount.Clearing(market.Symbol, market.SettleAsset));
        if (pnl.IsNegative && !State.Ledger.AccountAt(collateral).MayGoNegative)
        {
            var available = State.Ledger.Balance(collateral);
            var loss = -pnl;
            if (!context.Require(available >= loss,
                    position.Key.Scope.Kind == MarginScopeKind.Isolated ? RejectionCodes.BeyondBankruptcy : RejectionCodes.InsufficientBalance,
                    $"closing {quantity} of {position.Key} at {price} loses {loss}, more than its collateral {available}"))
            {
                return false;
            }

            State.Ledger.Transfer(collateral, clearing, loss);
        }
        else if (pnl.IsNegative)
        {
            State.Ledger.Transfer(collateral, clearing, -pnl);
        }
        else
        {
            State.Ledger.Transfer(clearing, collateral, pnl);
        }

        return true;
    }

    private bool CheckOpening(Market market, Quantity quantity, Price price, Leverage leverage) =>
        market.Model.CheckOpening(market.Instrument.Contract, quantity, price, leverage) is not { } rejection
        || context.Fail(rejection.Code, rejection.Reason);

    /// <summary>
    /// The average entry after adding <paramref name="added"/> at <paramref name="price"/>: quantity-weighted for linear
    /// contracts, harmonic (contracts ÷ Σ contracts/price) for inverse ones; rounded against the holder.
    /// </summary>
    internal static Price AverageEntry(ContractSpec contract, PositionSide side, Quantity held, Price entry, Quantity added, Price price)
    {
        var rounding = side == PositionSide.Long ? Rounding.Up : Rounding.Down;
        if (AverageEntryIn128(contract.Type, held, entry, added, price, rounding) is { } fast)
        {
            return Price.FromUnits(FixedPoint.ToUnits(fast));
        }

        BigInteger q1 = held.Units, q2 = added.Units, p1 = entry.Units, p2 = price.Units;
        var units = contract.Type == ContractType.Linear
            ? FixedPoint.Divide((q1 * p1) + (q2 * p2), q1 + q2, rounding)
            : FixedPoint.Divide((q1 + q2) * p1 * p2, (q1 * p2) + (q2 * p1), rounding);
        return Price.FromUnits(FixedPoint.ToUnits(units));
    }

    /// <summary>The same average in 128 bits, or null when an intermediate might not fit (then BigInteger decides).</summary>
    private static Int128? AverageEntryIn128(ContractType type, Quantity held, Price entry, Quantity added, Price price, Rounding rounding)
    {
        // Units are below 2⁶³, so each single product and the sums of two of them fit; only the inverse triple product can overflow.
        Int128 q1 = held.Units, q2 = added.Units, p1 = entry.Units, p2 = price.Units;
        if (type == ContractType.Linear)
        {
            return FixedPoint.Divide((q1 * p1) + (q2 * p2), q1 + q2, rounding);
        }

        return FixedPoint.TryProduct((q1 + q2) * p1, p2, out var numerator)
            ? FixedPoint.Divide(numerator, (q1 * p2) + (q2 * p1), rounding)
            : null;
    }
}
