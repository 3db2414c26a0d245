using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;
using Ringfence.Core.Serialization.Wire;

namespace Ringfence.Core.Engine.Commands;

/// <summary>Creates an empty risk pod in an account.</summary>
[WireType("createPod")]
public sealed record CreatePod(AccountId Account, string Pod) : Command;

/// <summary>Moves collateral from the free balance into a pod.</summary>
[WireType("fundPod")]
public sealed record FundPod(AccountId Account, string Pod, Asset Asset, Money Amount) : Command;

/// <summary>Moves collateral from a pod back to the free balance, keeping the pod above its initial requirement.</summary>
[WireType("defundPod")]
public sealed record DefundPod(AccountId Account, string Pod, Asset Asset, Money Amount) : Command;

/// <summary>Moves an account's isolated position, with its collateral, into one of its pods.</summary>
[WireType("movePositionToPod")]
public sealed record MovePositionToPod(AccountId Account, string Symbol, string Pod) : Command;
