using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine.Views;

/// <summary>A pod: its collateral, equity and requirements per asset.</summary>
public sealed record PodView(AccountId Account, string Name, IReadOnlyList<PodAssetView> Assets);

/// <summary>A pod's figures in one asset.</summary>
public sealed record PodAssetView(Asset Asset, Money Collateral, Money Equity, Money InitialMargin, Money MaintenanceMargin);
