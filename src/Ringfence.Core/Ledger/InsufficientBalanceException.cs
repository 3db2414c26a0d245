using Ringfence.Core.Numerics;

namespace Ringfence.Core.Ledger;

/// <summary>A transfer would take a ledger account that may not go negative below zero.</summary>
public sealed class InsufficientBalanceException : InvalidOperationException
{
    /// <summary>Creates the exception.</summary>
    public InsufficientBalanceException(LedgerAccount account, Money balance, Money amount)
        : base($"{account} holds {balance}, less than {amount}")
    {
        Account = account;
    }

    /// <summary>The account that would go negative.</summary>
    public LedgerAccount Account { get; }
}
