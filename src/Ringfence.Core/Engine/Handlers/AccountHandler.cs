using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;

namespace Ringfence.Core.Engine.Handlers;

/// <summary>Accounts, sub-accounts, deposits, withdrawals and transfers between an account and its sub-accounts.</summary>
internal static class AccountHandler
{
    public static void Execute(CommandContext context, CreateAccount command)
    {
        CommandContext.Require(!context.State.TryGetAccount(command.Account, out _), RejectionCodes.DuplicateAccount, $"account '{command.Account}' exists");
        if (command.Parent is { } parent)
        {
            context.Account(parent);
        }

        context.State.AddAccount(new Account(command.Account, command.Parent));
        context.Emit(new AccountCreated(command.Account, command.Parent));
    }

    public static void Execute(CommandContext context, Deposit command)
    {
        context.Account(command.Account);
        CommandContext.RequirePositive(command.Amount, "a deposit");
        var free = LedgerAccount.Free(command.Account, command.Asset);
        context.State.Ledger.Deposit(free, command.Amount);
        context.Emit(new Deposited(command.Account, command.Asset, command.Amount, context.State.Ledger.Balance(free)));
    }

    public static void Execute(CommandContext context, Withdraw command)
    {
        context.Account(command.Account);
        CommandContext.RequirePositive(command.Amount, "a withdrawal");
        context.RequireAvailable(command.Account, command.Asset, command.Amount);
        var free = LedgerAccount.Free(command.Account, command.Asset);
        context.State.Ledger.Withdraw(free, command.Amount);
        context.Emit(new Withdrawn(command.Account, command.Asset, command.Amount, context.State.Ledger.Balance(free)));
    }

    public static void Execute(CommandContext context, Transfer command)
    {
        var from = context.Account(command.From);
        var to = context.Account(command.To);
        CommandContext.Require(from.IsParentOrChildOf(to), RejectionCodes.NotRelated,
            $"'{command.From}' and '{command.To}' are not an account and its sub-account");
        CommandContext.RequirePositive(command.Amount, "a transfer");
        context.RequireAvailable(command.From, command.Asset, command.Amount);
        context.State.Ledger.Transfer(LedgerAccount.Free(command.From, command.Asset), LedgerAccount.Free(command.To, command.Asset), command.Amount);
        context.Emit(new Transferred(command.From, command.To, command.Asset, command.Amount));
    }
}
