using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Ledger;

/// <summary>Ledger totals of one asset. Conservation: <see cref="LedgerTotal"/> = <see cref="Deposits"/> − <see cref="Withdrawals"/>.</summary>
public sealed record AssetAudit(Asset Asset, Money Deposits, Money Withdrawals, Money LedgerTotal)
{
    /// <summary>True when no money was created or destroyed.</summary>
    public bool Balances => LedgerTotal == Deposits - Withdrawals;
}
