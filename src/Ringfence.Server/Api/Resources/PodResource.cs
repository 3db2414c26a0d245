namespace Ringfence.Server.Api.Resources;

/// <summary>A risk pod: positions isolated together, netting inside.</summary>
/// <param name="Id">Stable and URL-safe: <c>ACCOUNT~POD</c>.</param>
/// <param name="Account">Owner.</param>
/// <param name="Pod">The pod's name.</param>
/// <param name="Assets">Its figures per asset.</param>
/// <param name="Positions">The ids of its positions.</param>
public sealed record PodResource(string Id, string Account, string Pod, IReadOnlyList<PodAssetResource> Assets, IReadOnlyList<string> Positions);

/// <summary>A pod's collateral, equity and requirements in one asset.</summary>
public sealed record PodAssetResource(string Asset, string Collateral, string Equity, string InitialMargin, string MaintenanceMargin);
