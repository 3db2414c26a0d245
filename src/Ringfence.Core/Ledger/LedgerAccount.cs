using Ringfence.Core.Accounts;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Ledger;

/// <summary>One ledger account: a kind, an owner (account, position, pod or instrument) and an asset.</summary>
/// <param name="Kind">What the money is for.</param>
/// <param name="Owner">Whose it is: an account id, a position key, <c>account/pod</c>, a symbol, or empty for venue-wide accounts.</param>
/// <param name="Asset">The asset held.</param>
public readonly record struct LedgerAccount(LedgerAccountKind Kind, string Owner, Asset Asset) : IComparable<LedgerAccount>
{
    /// <summary>An account's free balance in <paramref name="asset"/>.</summary>
    public static LedgerAccount Free(AccountId account, Asset asset) => new(LedgerAccountKind.Free, account.Value, asset);

    /// <summary>An isolated position's collateral.</summary>
    public static LedgerAccount PositionMargin(PositionKey position, Asset asset) => new(LedgerAccountKind.PositionMargin, position.ToString(), asset);

    /// <summary>A pod's collateral in <paramref name="asset"/>.</summary>
    public static LedgerAccount PodMargin(AccountId account, string pod, Asset asset) => new(LedgerAccountKind.PodMargin, $"{account}/{pod}", asset);

    /// <summary>An instrument's insurance fund.</summary>
    public static LedgerAccount InsuranceFund(string symbol, Asset asset) => new(LedgerAccountKind.InsuranceFund, symbol, asset);

    /// <summary>The venue's fee pool in <paramref name="asset"/>.</summary>
    public static LedgerAccount FeePool(Asset asset) => new(LedgerAccountKind.FeePool, string.Empty, asset);

    /// <summary>The backstop liquidity provider in <paramref name="asset"/>.</summary>
    public static LedgerAccount Backstop(Asset asset) => new(LedgerAccountKind.Backstop, string.Empty, asset);

    /// <summary>An instrument's clearing account.</summary>
    public static LedgerAccount Clearing(string symbol, Asset asset) => new(LedgerAccountKind.Clearing, symbol, asset);

    /// <summary>An instrument's funding transit account.</summary>
    public static LedgerAccount FundingPool(string symbol, Asset asset) => new(LedgerAccountKind.FundingPool, symbol, asset);

    /// <summary>Whether the balance may go below zero: only venue accounts that stand for outside or future money.</summary>
    public bool MayGoNegative => Kind is LedgerAccountKind.Clearing or LedgerAccountKind.FeePool or LedgerAccountKind.Backstop;

    /// <inheritdoc/>
    public int CompareTo(LedgerAccount other)
    {
        // As integers: Enum.CompareTo takes an object and would box both on every ledger lookup.
        var byKind = ((int)Kind).CompareTo((int)other.Kind);
        if (byKind != 0)
        {
            return byKind;
        }

        var byOwner = string.CompareOrdinal(Owner, other.Owner);
        return byOwner != 0 ? byOwner : Asset.CompareTo(other.Asset);
    }

    /// <summary><c>kind:owner:asset</c>.</summary>
    public override string ToString() => $"{Kind}:{Owner}:{Asset}";
}
