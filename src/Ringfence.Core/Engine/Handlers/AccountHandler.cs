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
        if (!context.Require(!context.State.TryGetAccount(command.Account, out _), RejectionCodes.DuplicateAccount, $"account '{command.Account}' exists")
            || (command.Parent is { } parent && !context.RequireAccount(parent)))
        {
            return;
        }

        context.State.AddAccount(new Account(command.Account, command.Parent));
        context.Emit(new AccountCreated(command.Account, command.Parent));
    }

    public static void Execute(CommandContext context, Deposit command)
    {
        if (!context.RequireAccount(command.Account) || !context.RequirePositive(command.Amount, "a deposit"))
        {
            return;
        }

        var free = LedgerAccount.Free(command.Account, command.Asset);
        context.State.Ledger.Deposit(free, command.Amount);
        context.Emit(new Deposited(command.Account, command.Asset, command.Amount, context.State.Ledger.Balance(free)));
    }

    public static void Execute(CommandContext context, Withdraw command)
    {
        if (!context.RequireAccount(command.Account) || !context.RequirePositive(command.Amount, "a withdrawal")
            || !context.RequireAvailable(command.Account, command.Asset, command.Amount))
        {
            return;
        }

        var free = LedgerAccount.Free(command.Account, command.Asset);
        context.State.Ledger.Withdraw(free, command.Amount);
        context.Emit(new Withdrawn(command.Account, command.Asset, command.Amount, context.State.Ledger.Balance(free)));
    }

    public static void Execute(CommandContext context, Transfer command)
    {
        if (!context.TryAccount(command.From, out var from) || !context.TryAccount(command.To, out var to)
            || !context.Require(from.IsParentOrChildOf(to), RejectionCodes.NotRelated, $"'{command.From}' and '{command.To}' are not an account and its sub-account")
            || !context.RequirePositive(command.Amount, "a transfer")
            || !context.RequireAvailable(command.From, command.Asset, command.Amount))
        {
            return;
        }

        context.State.Ledger.Transfer(LedgerAccount.Free(command.From, command.Asset), LedgerAccount.Free(command.To, command.Asset), command.Amount);
        context.Emit(new Transferred(command.From, command.To, command.Asset, command.Amount));
    }
}
