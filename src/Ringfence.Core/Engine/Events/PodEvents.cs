using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine.Events;

/// <summary>A risk pod was created.</summary>
public sealed record PodCreated(AccountId Account, string Pod) : EngineEvent;

/// <summary>Collateral moved from the free balance into a pod.</summary>
public sealed record PodFunded(AccountId Account, string Pod, Asset Asset, Money Amount, Money Balance) : EngineEvent;

/// <summary>Collateral moved from a pod back to the free balance.</summary>
public sealed record PodDefunded(AccountId Account, string Pod, Asset Asset, Money Amount, Money Balance) : EngineEvent;

/// <summary>An isolated position moved into a pod, bringing its collateral.</summary>
public sealed record PositionMovedToPod(AccountId Account, string Symbol, string Pod, Money Margin) : EngineEvent;
