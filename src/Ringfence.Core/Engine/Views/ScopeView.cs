using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine.Views;

/// <summary>A margin scope's figures in one asset (an account's cross margin), each in that asset's units.</summary>
/// <param name="Asset">The asset.</param>
/// <param name="Collateral">The free balance behind the scope.</param>
/// <param name="UnrealizedPnl">The scope's positions' PnL at their marks.</param>
/// <param name="Equity">Collateral plus PnL.</param>
/// <param name="InitialMargin">The positions' initial margin at their marks.</param>
/// <param name="MaintenanceMargin">The positions' maintenance margin at their marks.</param>
/// <param name="Available">What may leave the free balance: withdrawals, transfers, isolated collateral, pod funding.</param>
public sealed record ScopeView(Asset Asset, Money Collateral, Money UnrealizedPnl, Money Equity, Money InitialMargin, Money MaintenanceMargin, Money Available);
