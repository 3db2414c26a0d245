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

    /// <summary>
    /// Reads back the text <see cref="ToString"/> writes. Account ids and symbols hold no '/', so the first and the
    /// last one delimit the symbol; the backstop's reserved account id reads as itself (<see cref="AccountId.TryParseRecorded"/>). The symbol is only checked to
    /// be non-empty: whether such an instrument is listed is the engine's business.
    /// </summary>
    public static bool TryParse(string? text, out PositionKey key)
    {
        key = default;
        if (text is null)
        {
            return false;
        }

        var first = text.IndexOf('/');
        var last = text.LastIndexOf('/');
        if (first <= 0 || last <= first + 1 || !MarginScope.TryParse(text.AsSpan(last + 1), out var scope))
        {
            return false;
        }

        if (!AccountId.TryParseRecorded(text[..first], out var account))
        {
            return false;
        }

        key = new PositionKey(account, text[(first + 1)..last], scope);
        return true;
    }
}
