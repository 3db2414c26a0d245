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
    /// Applies a fill; returns true when the position's exposure grew (open, increase or flip). The backstop, which
    /// takes liquidated positions, is not held to tier limits (<paramref name="checkLimits"/> false).
    /// </summary>
    public bool Apply(PositionKey key, Market market, PositionSide direction, Quantity quantity, Price price, Leverage? leverage, Money? margin, bool checkLimits = true)
    {
        // Refused the same way whatever the fill does to the position: taking one of the two silently would hide a
        // mistake on a side that happens to add to a position rather than open it.
        CommandContext.Require(leverage is null || margin is null, RejectionCodes.MarginSpecification, "give a side either leverage or margin, not both");
        if (!State.TryGetPosition(key, out var existing))
        {
            Open(key, market, direction, quantity, price, leverage, margin, checkLimits);
            return true;
        }

        if (existing.Side == direction)
        {
            Increase(existing, market, quantity, price, leverage, margin, checkLimits);
            return true;
        }

        if (quantity < existing.Quantity)
        {
            Reduce(existing, market, quantity, price);
            return false;
        }

        Close(existing, market, price);
        var rest = quantity - existing.Quantity;
        if (!rest.IsPositive)
        {
            return false;
        }

        Open(key, market, direction, rest, price, leverage ?? (margin is null ? existing.Leverage : null), margin, checkLimits);
        return true;
    }

    /// <summary>Closes a whole position at <paramref name="price"/>, releasing what is left of isolated collateral.</summary>
    public void Close(Position position, Market market, Price price)
    {
        var pnl = SettlePnl(position, market, position.Quantity, price);
        var released = Money.Zero;
        if (position.Key.Scope.Kind == MarginScopeKind.Isolated)
        {
            released = context.Valuation.IsolatedMargin(position, market);
            State.Ledger.Transfer(State.CollateralOf(position.Key, market), State.FreeOf(position.Key.Account, market.SettleAsset), released);
        }

        State.RemovePosition(position.Key);
        context.Emit(new PositionClosed(position.Key.Account, position.Key.Symbol, position.Key.Scope, pnl, released));
    }

    private void Open(PositionKey key, Market market, PositionSide side, Quantity quantity, Price price, Leverage? leverage, Money? margin, bool checkLimits)
    {
        var contract = market.Instrument.Contract;
        var notional = contract.Notional(quantity, price, Rounding.Up);
        Leverage setting;
        var collateral = Money.Zero;
        if (key.Scope.Kind == MarginScopeKind.Isolated)
        {
            if (margin is { } given)
            {
                CommandContext.RequirePositive(given, "margin");
                setting = Leverage.Max(Leverage.One, Leverage.Of(notional, given, Rounding.Down));
                CheckOpening(market, quantity, price, Leverage.Max(Leverage.One, Leverage.Of(notional, given, Rounding.Up)));
                collateral = given;
            }
            else
            {
                setting = leverage ?? throw CommandContext.Reject(RejectionCodes.MarginSpecification, $"a new isolated position of '{key.Account}' needs a leverage or a margin");
                CheckOpening(market, quantity, price, setting);
                collateral = market.Model.InitialMargin(contract, side, quantity, price, setting);
            }

            context.RequireAvailable(key.Account, market.SettleAsset, collateral);
            State.Ledger.Transfer(State.FreeOf(key.Account, market.SettleAsset), State.CollateralOf(key, market), collateral);
        }
        else
        {
            CommandContext.Require(margin is null, RejectionCodes.MarginSpecification, "margin applies to isolated sides only; a cross or pod side may give a leverage");
            var tierMax = market.Instrument.Tiers.ForNotional(notional).MaxLeverage;
            setting = leverage ?? (tierMax is { } max ? Leverage.Min(DefaultLeverage, max) : DefaultLeverage);
            if (checkLimits)
            {
                CheckOpening(market, quantity, price, setting);
            }
        }

        State.PutPosition(new Position(key, side, quantity, price, setting, AutoTopUp.Off));
        context.Emit(new PositionOpened(key.Account, key.Symbol, key.Scope, side, quantity, price, collateral, setting));
    }

    private void Increase(Position position, Market market, Quantity quantity, Price price, Leverage? leverage, Money? margin, bool checkLimits)
    {
        var key = position.Key;
        CommandContext.Require(leverage is null || leverage == position.Leverage, RejectionCodes.NotApplicable,
            $"the position has leverage {position.Leverage}; change it with setLeverage before trading at {leverage}");
        CommandContext.Require(margin is null || key.Scope.Kind == MarginScopeKind.Isolated, RejectionCodes.MarginSpecification,
            "margin applies to isolated sides only");

        var contract = market.Instrument.Contract;
        var total = position.Quantity + quantity;
        var collateral = Money.Zero;
        if (key.Scope.Kind == MarginScopeKind.Isolated)
        {
            if (margin is { } given)
            {
                CommandContext.RequirePositive(given, "margin");
                collateral = given;
                var held = context.Valuation.IsolatedMargin(position, market) + given;
                CheckOpening(market, total, price, Leverage.Max(Leverage.One, Leverage.Of(contract.Notional(total, price, Rounding.Up), held, Rounding.Up)));
            }
            else
            {
                CheckOpening(market, total, price, position.Leverage);
                collateral = market.Model.InitialMargin(contract, position.Side, quantity, price, position.Leverage);
            }

            context.RequireAvailable(key.Account, market.SettleAsset, collateral);
            State.Ledger.Transfer(State.FreeOf(key.Account, market.SettleAsset), State.CollateralOf(key, market), collateral);
        }
        else if (checkLimits)
        {
            CheckOpening(market, total, price, position.Leverage);
        }

        var entry = AverageEntry(contract, position.Side, position.Quantity, position.EntryPrice, quantity, price);
        State.PutPosition(position with { Quantity = total, EntryPrice = entry });
        context.Emit(new PositionChanged(key.Account, key.Symbol, key.Scope, position.Side, total, entry, collateral, Money.Zero));
    }

    private void Reduce(Position position, Market market, Quantity quantity, Price price)
    {
        var key = position.Key;
        var held = key.Scope.Kind == MarginScopeKind.Isolated ? context.Valuation.IsolatedMargin(position, market) : Money.Zero;
        var pnl = SettlePnl(position, market, quantity, price);
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
    }

    /// <summary>Pays the PnL of closing <paramref name="quantity"/> at <paramref name="price"/> between the clearing account and the collateral.</summary>
    private Money SettlePnl(Position position, Market market, Quantity quantity, Price price)
    {
        var pnl = market.Instrument.Contract.Pnl(position.Side, quantity, position.EntryPrice, price, Rounding.Down);
        var collateral = State.CollateralOf(position.Key, market);
        var clearing = State.Ledger.SlotOf(LedgerAccount.Clearing(market.Symbol, market.SettleAsset));
        if (pnl.IsNegative && !State.Ledger.AccountAt(collateral).MayGoNegative)
        {
            var available = State.Ledger.Balance(collateral);
            CommandContext.Require(available >= -pnl,
                position.Key.Scope.Kind == MarginScopeKind.Isolated ? RejectionCodes.BeyondBankruptcy : RejectionCodes.InsufficientBalance,
                $"closing {quantity} of {position.Key} at {price} loses {-pnl}, more than its collateral {available}");
            State.Ledger.Transfer(collateral, clearing, -pnl);
        }
        else if (pnl.IsNegative)
        {
            State.Ledger.Transfer(collateral, clearing, -pnl);
        }
        else
        {
            State.Ledger.Transfer(clearing, collateral, pnl);
        }

        return pnl;
    }

    private static void CheckOpening(Market market, Quantity quantity, Price price, Leverage leverage)
    {
        if (market.Model.CheckOpening(market.Instrument.Contract, quantity, price, leverage) is { } rejection)
        {
            throw CommandContext.Reject(rejection.Code, rejection.Reason);
        }
    }

    /// <summary>
    /// The average entry after adding <paramref name="added"/> at <paramref name="price"/>: quantity-weighted for linear
    /// contracts, harmonic (contracts ÷ Σ contracts/price) for inverse ones; rounded against the holder.
    /// </summary>
    private static Price AverageEntry(ContractSpec contract, PositionSide side, Quantity held, Price entry, Quantity added, Price price)
    {
        var rounding = side == PositionSide.Long ? Rounding.Up : Rounding.Down;
        BigInteger q1 = held.Units, q2 = added.Units, p1 = entry.Units, p2 = price.Units;
        var units = contract.Type == ContractType.Linear
            ? FixedPoint.Divide((q1 * p1) + (q2 * p2), q1 + q2, rounding)
            : FixedPoint.Divide((q1 + q2) * p1 * p2, (q1 * p2) + (q2 * p1), rounding);
        return Price.FromUnits(FixedPoint.ToUnits(units));
    }
}
