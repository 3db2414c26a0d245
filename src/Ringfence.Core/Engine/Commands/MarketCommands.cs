using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;
using Ringfence.Core.Serialization.Wire;

namespace Ringfence.Core.Engine.Commands;

/// <summary>
/// Lists an instrument under a venue rule profile (by name, see <see cref="Margin.VenueProfiles"/>), with the liquidity
/// model its liquidations execute against (none: the backstop takes positions at the mark).
/// </summary>
[WireType("listInstrument")]
public sealed record ListInstrument(Instrument Instrument, string Profile, Liquidation.DepthCurve? Liquidity = null) : Command
{
    /// <summary>How index quotes are aggregated; <see cref="Market.DefaultIndexRule"/> when null.</summary>
    public Pricing.IndexPriceAggregator? IndexRule { get; init; }

    /// <summary>The band beyond which a mark update needs confirmation by the next one; no guard when null.</summary>
    public Rate? PriceBand { get; init; }

    /// <summary>Who executes liquidations: the backstop (default) or an external matching engine.</summary>
    public Liquidation.LiquidationExecution Execution { get; init; }
}

/// <summary>
/// Checks every isolated position of an instrument with the exact margin check and compares with the liquidation
/// index: the index must offer every liquidatable position as a candidate.
/// </summary>
[WireType("sweep")]
public sealed record Sweep(string Symbol) : Command;

/// <summary>Sets an instrument's mark price (subject to its jump guard, if any) and runs the liquidation waterfall.</summary>
[WireType("markPrice")]
public sealed record UpdateMarkPrice(string Symbol, Price Price) : Command;

/// <summary>
/// One index source's price at the command's time. The index is re-aggregated (stale and outlying sources dropped, held
/// below the minimum number of sources) and the mark follows by the profile's mark rule, then the waterfall runs.
/// </summary>
[WireType("indexPrice")]
public sealed record UpdateIndexPrice(string Symbol, string Source, Price Price) : Command;

/// <summary>
/// Settles one funding payment at the current mark: each position pays or receives notional at mark × rate
/// (a positive rate: longs pay shorts).
/// </summary>
[WireType("fundingRate")]
public sealed record ApplyFundingRate(string Symbol, Rate Rate) : Command;

/// <summary>
/// Records one premium sample for the next funding settlement: the impact bid and ask (average fill prices of the
/// impact notional) against the current index and mark.
/// </summary>
[WireType("fundingSample")]
public sealed record RecordFundingSample(string Symbol, Price ImpactBid, Price ImpactAsk) : Command;

/// <summary>
/// Settles funding for one interval by the profile's funding rule: the rate from the average premium of the recorded
/// samples (clamped and capped), paid on notional at the rule's price (mark or index); the samples are then cleared.
/// </summary>
[WireType("settleFunding")]
public sealed record SettleFunding(string Symbol) : Command;

/// <summary>
/// An external matching engine reports a fill of an outstanding liquidation order: <paramref name="Quantity"/> of the
/// position in liquidation traded at <paramref name="Price"/> with <paramref name="Counterparty"/>.
/// </summary>
[WireType("liquidationFill")]
public sealed record LiquidationFill(string Symbol, Accounts.AccountId Account, Positions.MarginScope Scope, Price Price, Quantity Quantity, TradeSide Counterparty) : Command;
