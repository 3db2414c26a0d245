using Ringfence.Core.Accounts;

namespace Ringfence.Core.Positions;

/// <summary>
/// Identifies a position in one-way mode: one position per account, instrument and margin scope.
/// </summary>
/// <param name="Account">The owner.</param>
/// <param name="Symbol">The instrument.</param>
/// <param name="Scope">Isolated, cross or a pod.</param>
public readonly record struct PositionKey(AccountId Account, string Symbol, MarginScope Scope) : IComparable<PositionKey>
{
    /// <inheritdoc/>
    public int CompareTo(PositionKey other)
    {
        var byAccount = Account.CompareTo(other.Account);
        if (byAccount != 0)
        {
            return byAccount;
        }

        var bySymbol = string.CompareOrdinal(Symbol, other.Symbol);
        return bySymbol != 0 ? bySymbol : Scope.CompareTo(other.Scope);
    }

    /// <summary><c>account/symbol/scope</c>, the form used in ledger account names.</summary>
    public override string ToString() => $"{Account}/{Symbol}/{Scope}";
}
