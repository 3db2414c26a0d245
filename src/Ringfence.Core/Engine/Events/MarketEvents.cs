using Ringfence.Core.Accounts;
using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Events;

/// <summary>An instrument was listed.</summary>
public sealed record InstrumentListed(string Symbol, ContractType Contract, Asset SettleAsset, string Profile) : EngineEvent;

/// <summary>An instrument's mark price changed.</summary>
public sealed record MarkPriceUpdated(string Symbol, Price Price) : EngineEvent;

/// <summary>The index price was re-aggregated from its sources.</summary>
/// <param name="Symbol">Instrument.</param>
/// <param name="Index">The new index price.</param>
/// <param name="Sources">Sources used.</param>
/// <param name="Dropped">Sources dropped as stale or outlying.</param>
public sealed record IndexPriceUpdated(string Symbol, Price Index, int Sources, int Dropped) : EngineEvent;

/// <summary>Too few fresh, consistent sources: the index holds at its previous value, and the mark does not move.</summary>
public sealed record IndexPriceHeld(string Symbol, string Reason) : EngineEvent;

/// <summary>The jump guard held or rejected a mark update: it moved beyond the band without confirmation.</summary>
public sealed record MarkPriceHeld(string Symbol, Price Price, string Outcome, string Reason) : EngineEvent;

/// <summary>A premium sample was recorded for the next funding settlement.</summary>
public sealed record FundingSampled(string Symbol, Rate Premium, int Samples) : EngineEvent;

/// <summary>The funding rate of one interval, from the average premium by the profile's rule.</summary>
public sealed record FundingRateSettled(string Symbol, Rate AveragePremium, Rate Rate, bool Capped) : EngineEvent;

/// <summary>One position's funding payment: positive amounts were paid, negative received.</summary>
public sealed record FundingPaid(AccountId Account, string Symbol, MarginScope Scope, Rate Rate, Money Amount) : EngineEvent;

/// <summary>
/// Payers could not pay all the funding they owed (their collateral ran out); receivers were paid pro rata from what
/// was paid. Rounding residue goes to the insurance fund.
/// </summary>
public sealed record FundingShortfall(string Symbol, Money Owed, Money Paid) : EngineEvent;
