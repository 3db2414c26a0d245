using Ringfence.Core.Accounts;
using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Events;

/// <summary>An instrument was listed.</summary>
public sealed record InstrumentListed(string Symbol, ContractType Contract, Asset SettleAsset, string Profile) : EngineEvent;

/// <summary>An instrument's mark price changed.</summary>
public sealed record MarkPriceUpdated(string Symbol, Price Price) : EngineEvent;

/// <summary>One position's funding payment: positive amounts were paid, negative received.</summary>
public sealed record FundingPaid(AccountId Account, string Symbol, MarginScope Scope, Rate Rate, Money Amount) : EngineEvent;

/// <summary>
/// Payers could not pay all the funding they owed (their collateral ran out); receivers were paid pro rata from what
/// was paid. Rounding residue goes to the insurance fund.
/// </summary>
public sealed record FundingShortfall(string Symbol, Money Owed, Money Paid) : EngineEvent;
