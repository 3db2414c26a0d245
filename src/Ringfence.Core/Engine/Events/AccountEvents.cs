using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine.Events;

/// <summary>An account (or sub-account) was opened.</summary>
public sealed record AccountCreated(AccountId Account, AccountId? Parent) : EngineEvent;

/// <summary>Money arrived in a free balance.</summary>
public sealed record Deposited(AccountId Account, Asset Asset, Money Amount, Money Balance) : EngineEvent;

/// <summary>Money left a free balance.</summary>
public sealed record Withdrawn(AccountId Account, Asset Asset, Money Amount, Money Balance) : EngineEvent;

/// <summary>Free balance moved between an account and a sub-account.</summary>
public sealed record Transferred(AccountId From, AccountId To, Asset Asset, Money Amount) : EngineEvent;
