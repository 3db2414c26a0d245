using Ringfence.Core.Accounts;

namespace Ringfence.Core.Pods;

/// <summary>A risk pod: a name within an account.</summary>
public readonly record struct PodKey(AccountId Account, string Name) : IComparable<PodKey>
{
    /// <inheritdoc/>
    public int CompareTo(PodKey other)
    {
        var byAccount = Account.CompareTo(other.Account);
        return byAccount != 0 ? byAccount : string.CompareOrdinal(Name, other.Name);
    }

    /// <summary><c>account/pod</c>.</summary>
    public override string ToString() => $"{Account}/{Name}";
}
