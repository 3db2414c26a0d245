using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;
using Ringfence.Core.Serialization.Wire;

namespace Ringfence.Core.Engine.Commands;

/// <summary>Opens an account, or a sub-account of <paramref name="Parent"/>.</summary>
[WireType("createAccount")]
public sealed record CreateAccount(AccountId Account, AccountId? Parent = null) : Command;

/// <summary>Money arrives from outside into an account's free balance.</summary>
[WireType("deposit")]
public sealed record Deposit(AccountId Account, Asset Asset, Money Amount) : Command;

/// <summary>Money leaves an account's free balance, bounded by what its cross positions leave available.</summary>
[WireType("withdraw")]
public sealed record Withdraw(AccountId Account, Asset Asset, Money Amount) : Command;

/// <summary>Moves free balance between an account and one of its sub-accounts (either way).</summary>
[WireType("transfer")]
public sealed record Transfer(AccountId From, AccountId To, Asset Asset, Money Amount) : Command;
