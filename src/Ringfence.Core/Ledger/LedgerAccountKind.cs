namespace Ringfence.Core.Ledger;

/// <summary>The kinds of ledger account money can sit in.</summary>
public enum LedgerAccountKind
{
    /// <summary>A trading account's free balance (also the collateral of its cross positions).</summary>
    Free,

    /// <summary>The ring-fenced collateral of one isolated position.</summary>
    PositionMargin,

    /// <summary>The ring-fenced collateral of one risk pod.</summary>
    PodMargin,

    /// <summary>An instrument's insurance fund.</summary>
    InsuranceFund,

    /// <summary>Trading fees collected by the venue (rebates are paid from it, so it may go negative).</summary>
    FeePool,

    /// <summary>The backstop liquidity provider's account (may go negative: it is outside capital).</summary>
    Backstop,

    /// <summary>
    /// An instrument's clearing account: realized PnL is paid from and to it. Its balance is the open positions'
    /// claim on each other (Σ side·size·entry), so it may go negative.
    /// </summary>
    Clearing,

    /// <summary>Transit account of one funding settlement; zero between commands.</summary>
    FundingPool,
}
