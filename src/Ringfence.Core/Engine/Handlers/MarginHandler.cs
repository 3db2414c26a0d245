using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Handlers;

/// <summary>The owner's margin operations on a position: add, remove, change leverage, configure auto top-up.</summary>
internal static class MarginHandler
{
    public static void Execute(CommandContext context, AddMargin command)
    {
        if (!TryIsolated(context, command.Account, command.Symbol, out var position, out var market)
            || !context.RequirePositive(command.Amount, "margin to add")
            || !context.RequireAvailable(command.Account, market.SettleAsset, command.Amount))
        {
            return;
        }

        context.State.Ledger.Transfer(context.State.FreeOf(command.Account, market.SettleAsset), context.State.CollateralOf(position.Key, market), command.Amount);
        var after = context.Valuation.Isolated(position, market);
        context.Emit(new MarginAdded(command.Account, command.Symbol, command.Amount, after.Margin, market.Model.LiquidationPrice(after, market.Instrument.TickSize)));
    }

    public static void Execute(CommandContext context, RemoveMargin command)
    {
        if (!TryIsolated(context, command.Account, command.Symbol, out var position, out var market)
            || !RequireNotInLiquidation(context, position)
            || !context.RequirePositive(command.Amount, "margin to remove"))
        {
            return;
        }

        var isolated = context.Valuation.Isolated(position, market);
        var maximum = market.Model.MaxRemovableMargin(isolated, Valuation.MarkFor(market, position), position.Leverage);
        if (!context.Require(command.Amount <= maximum, RejectionCodes.RemoveExceedsMax, $"at most {maximum} can be removed from {position.Key}, not {command.Amount}"))
        {
            return;
        }

        context.State.Ledger.Transfer(context.State.CollateralOf(position.Key, market), context.State.FreeOf(command.Account, market.SettleAsset), command.Amount);
        var after = context.Valuation.Isolated(position, market);
        context.Emit(new MarginRemoved(command.Account, command.Symbol, command.Amount, after.Margin, market.Model.LiquidationPrice(after, market.Instrument.TickSize)));
    }

    public static void Execute(CommandContext context, SetLeverage command)
    {
        var key = new PositionKey(command.Account, command.Symbol, command.Scope);
        if (!context.TryMarket(command.Symbol, out var market) || !context.TryPosition(key, out var position) || !RequireNotInLiquidation(context, position))
        {
            return;
        }

        var mark = Valuation.MarkFor(market, position);
        if (market.Model.CheckOpening(market.Instrument.Contract, position.Quantity, mark, command.Leverage) is { } rejection)
        {
            context.Fail(rejection.Code, rejection.Reason);
            return;
        }

        var funded = Money.Zero;
        if (key.Scope.Kind == MarginScopeKind.Isolated)
        {
            // Raising leverage changes only the setting (the surplus can then be removed); lowering it must be funded
            // up to the new initial margin at entry.
            var required = market.Model.InitialMargin(market.Instrument.Contract, position.Side, position.Quantity, position.EntryPrice, command.Leverage);
            funded = Money.Max(Money.Zero, required - context.Valuation.IsolatedMargin(position, market));
            if (!context.RequireAvailable(command.Account, market.SettleAsset, funded))
            {
                return;
            }

            context.State.Ledger.Transfer(context.State.FreeOf(command.Account, market.SettleAsset), context.State.CollateralOf(key, market), funded);
        }

        context.State.PutPosition(position with { Leverage = command.Leverage });
        if (key.Scope.Kind != MarginScopeKind.Isolated && !TradeHandler.RequireInitialMargin(context, market, key))
        {
            return;
        }

        context.Emit(new LeverageChanged(command.Account, command.Symbol, command.Scope, command.Leverage, funded));
    }

    public static void Execute(CommandContext context, SetAutoTopUp command)
    {
        if (!TryIsolated(context, command.Account, command.Symbol, out var position, out _)
            || !context.Require(!command.Cap.IsNegative, RejectionCodes.InvalidValue, $"the top-up cap must not be negative, not {command.Cap}"))
        {
            return;
        }

        context.State.PutPosition(position with { TopUp = position.TopUp with { Enabled = command.Enabled, Cap = command.Cap } });
        context.Emit(new AutoTopUpSet(command.Account, command.Symbol, command.Enabled, command.Cap));
    }

    /// <summary>A position in liquidation can only be filled, deleveraged or topped up.</summary>
    public static bool RequireNotInLiquidation(CommandContext context, Position position) =>
        context.Require(!position.InLiquidation, RejectionCodes.InLiquidation, $"{position.Key} is in liquidation: it can only be filled, deleveraged or topped up");

    private static bool TryIsolated(CommandContext context, Accounts.AccountId account, string symbol, out Position position, out Market market)
    {
        position = null!;
        market = null!;
        return context.RequireAccount(account) && context.TryMarket(symbol, out market)
            && context.TryPosition(new PositionKey(account, symbol, MarginScope.Isolated), out position);
    }
}
