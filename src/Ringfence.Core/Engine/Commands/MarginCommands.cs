using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Core.Serialization.Wire;

namespace Ringfence.Core.Engine.Commands;

/// <summary>Moves collateral from the free balance into an isolated position.</summary>
[WireType("addMargin")]
public sealed record AddMargin(AccountId Account, string Symbol, Money Amount) : Command;

/// <summary>Moves collateral from an isolated position back to the free balance, up to the maximum removable.</summary>
[WireType("removeMargin")]
public sealed record RemoveMargin(AccountId Account, string Symbol, Money Amount) : Command;

/// <summary>
/// Changes a position's leverage setting. Raising it is free; lowering an isolated position's leverage must be funded
/// from the free balance up to the new initial margin.
/// </summary>
[WireType("setLeverage")]
public sealed record SetLeverage(AccountId Account, string Symbol, Leverage Leverage, MarginScope Scope) : Command;

/// <summary>Switches automated top-up of an isolated position on or off, with the most it may move in total.</summary>
[WireType("setAutoTopUp")]
public sealed record SetAutoTopUp(AccountId Account, string Symbol, bool Enabled, Money Cap) : Command;
