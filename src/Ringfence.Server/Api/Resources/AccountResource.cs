namespace Ringfence.Server.Api.Resources;

/// <summary>An account: its balances by asset and its cross-margin figures.</summary>
/// <param name="Account">The account id.</param>
/// <param name="Parent">The parent of a sub-account, or null.</param>
/// <param name="Balances">Per asset: free, locked in isolated positions and pods, and equity.</param>
/// <param name="Cross">Per asset with cross positions or a free balance: the cross-margin figures.</param>
public sealed record AccountResource(string Account, string? Parent, IReadOnlyList<BalanceResource> Balances, IReadOnlyList<CrossMarginResource> Cross);

/// <summary>An account's money in one asset.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Free">The free balance (also the collateral of cross positions).</param>
/// <param name="Locked">Collateral allocated to isolated positions and pods.</param>
/// <param name="Equity">Free plus locked plus every position's unrealized PnL.</param>
public sealed record BalanceResource(string Asset, string Free, string Locked, string Equity);

/// <summary>An account's cross margin in one asset.</summary>
public sealed record CrossMarginResource(string Asset, string Collateral, string UnrealizedPnl, string Equity, string InitialMargin, string MaintenanceMargin, string Available);

/// <summary>An account in a listing.</summary>
public sealed record AccountSummaryResource(string Account, string? Parent);
