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
        var (position, market) = Isolated(context, command.Account, command.Symbol);
        CommandContext.RequirePositive(command.Amount, "margin to add");
        context.RequireAvailable(command.Account, market.SettleAsset, command.Amount);
        context.State.Ledger.Transfer(LedgerAccount.Free(command.Account, market.SettleAsset), Valuation.CollateralAccount(position.Key, market), command.Amount);
        var after = context.Valuation.Isolated(position, market);
        context.Emit(new MarginAdded(command.Account, command.Symbol, command.Amount, after.Margin, market.Model.LiquidationPrice(after, market.Instrument.TickSize)));
    }

    public static void Execute(CommandContext context, RemoveMargin command)
    {
        var (position, market) = Isolated(context, command.Account, command.Symbol);
        RequireNotInLiquidation(position);
        CommandContext.RequirePositive(command.Amount, "margin to remove");
        var isolated = context.Valuation.Isolated(position, market);
        var maximum = market.Model.MaxRemovableMargin(isolated, Valuation.MarkFor(market, position), position.Leverage);
        CommandContext.Require(command.Amount <= maximum, RejectionCodes.RemoveExceedsMax,
            $"at most {maximum} can be removed from {position.Key}, not {command.Amount}");
        context.State.Ledger.Transfer(Valuation.CollateralAccount(position.Key, market), LedgerAccount.Free(command.Account, market.SettleAsset), command.Amount);
        var after = context.Valuation.Isolated(position, market);
        context.Emit(new MarginRemoved(command.Account, command.Symbol, command.Amount, after.Margin, market.Model.LiquidationPrice(after, market.Instrument.TickSize)));
    }

    public static void Execute(CommandContext context, SetLeverage command)
    {
        var key = new PositionKey(command.Account, command.Symbol, command.Scope);
        var market = context.Market(command.Symbol);
        var position = context.Position(key);
        RequireNotInLiquidation(position);
        var mark = Valuation.MarkFor(market, position);
        if (market.Model.CheckOpening(market.Instrument.Contract, position.Quantity, mark, command.Leverage) is { } rejection)
        {
            throw CommandContext.Reject(rejection.Code, rejection.Reason);
        }

        var funded = Money.Zero;
        if (key.Scope.Kind == MarginScopeKind.Isolated)
        {
            // Raising leverage changes only the setting (the surplus can then be removed); lowering it must be funded
            // up to the new initial margin at entry.
            var required = market.Model.InitialMargin(market.Instrument.Contract, position.Side, position.Quantity, position.EntryPrice, command.Leverage);
            funded = Money.Max(Money.Zero, required - context.Valuation.IsolatedMargin(position, market));
            context.RequireAvailable(command.Account, market.SettleAsset, funded);
            context.State.Ledger.Transfer(LedgerAccount.Free(command.Account, market.SettleAsset), Valuation.CollateralAccount(key, market), funded);
        }

        context.State.PutPosition(position with { Leverage = command.Leverage });
        if (key.Scope.Kind != MarginScopeKind.Isolated)
        {
            TradeHandler.RequireInitialMargin(context, market, key);
        }

        context.Emit(new LeverageChanged(command.Account, command.Symbol, command.Scope, command.Leverage, funded));
    }

    public static void Execute(CommandContext context, SetAutoTopUp command)
    {
        var (position, _) = Isolated(context, command.Account, command.Symbol);
        CommandContext.Require(!command.Cap.IsNegative, RejectionCodes.InvalidValue, $"the top-up cap must not be negative, not {command.Cap}");
        context.State.PutPosition(position with { TopUp = position.TopUp with { Enabled = command.Enabled, Cap = command.Cap } });
        context.Emit(new AutoTopUpSet(command.Account, command.Symbol, command.Enabled, command.Cap));
    }

    /// <summary>A position in liquidation can only be filled, deleveraged or topped up.</summary>
    public static void RequireNotInLiquidation(Position position) =>
        CommandContext.Require(!position.InLiquidation, RejectionCodes.InLiquidation, $"{position.Key} is in liquidation: it can only be filled, deleveraged or topped up");

    private static (Position Position, Market Market) Isolated(CommandContext context, Accounts.AccountId account, string symbol)
    {
        context.Account(account);
        var market = context.Market(symbol);
        return (context.Position(new PositionKey(account, symbol, MarginScope.Isolated)), market);
    }
}
