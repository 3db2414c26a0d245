namespace Ringfence.Core.Accounts;

/// <summary>A trading account, optionally a sub-account of another.</summary>
/// <param name="Id">The account's id.</param>
/// <param name="Parent">The parent account of a sub-account; null for a top-level account.</param>
public sealed record Account(AccountId Id, AccountId? Parent)
{
    /// <summary>True when collateral may move directly between this account and <paramref name="other"/>: parent and child.</summary>
    public bool IsParentOrChildOf(Account other)
    {
        ArgumentNullException.ThrowIfNull(other);
        return Parent == other.Id || other.Parent == Id;
    }
}
