using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Events;

/// <summary>Collateral was added to an isolated position by its owner.</summary>
public sealed record MarginAdded(AccountId Account, string Symbol, Money Amount, Money Margin, Price? LiquidationPrice) : EngineEvent;

/// <summary>Collateral was removed from an isolated position by its owner.</summary>
public sealed record MarginRemoved(AccountId Account, string Symbol, Money Amount, Money Margin, Price? LiquidationPrice) : EngineEvent;

/// <summary>A position's leverage setting changed; <paramref name="MarginAdded"/> is the collateral that funded a decrease.</summary>
public sealed record LeverageChanged(AccountId Account, string Symbol, MarginScope Scope, Leverage Leverage, Money MarginAdded) : EngineEvent;

/// <summary>Automated top-up was configured.</summary>
public sealed record AutoTopUpSet(AccountId Account, string Symbol, bool Enabled, Money Cap) : EngineEvent;

/// <summary>Automated top-up moved collateral into an isolated position before it would be liquidated.</summary>
/// <param name="Account">Owner.</param>
/// <param name="Symbol">Instrument.</param>
/// <param name="Amount">Collateral moved.</param>
/// <param name="Margin">The position's collateral afterwards.</param>
/// <param name="CapRemaining">What top-ups may still move.</param>
public sealed record MarginToppedUp(AccountId Account, string Symbol, Money Amount, Money Margin, Money CapRemaining) : EngineEvent;
