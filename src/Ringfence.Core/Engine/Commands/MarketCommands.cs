using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine.Commands;

/// <summary>
/// Lists an instrument under a venue rule profile (by name, see <see cref="Margin.VenueProfiles"/>), with the liquidity
/// model its liquidations execute against (none: the backstop takes positions at the mark).
/// </summary>
public sealed record ListInstrument(Instrument Instrument, string Profile, Liquidation.DepthCurve? Liquidity = null) : Command;

/// <summary>
/// Checks every isolated position of an instrument with the exact margin check and compares with the liquidation
/// index: the index must offer every liquidatable position as a candidate.
/// </summary>
public sealed record Sweep(string Symbol) : Command;

/// <summary>Sets an instrument's mark price; runs auto top-up and raises margin calls.</summary>
public sealed record UpdateMarkPrice(string Symbol, Price Price) : Command;

/// <summary>
/// Settles one funding payment at the current mark: each position pays or receives notional at mark × rate
/// (a positive rate: longs pay shorts).
/// </summary>
public sealed record ApplyFundingRate(string Symbol, Rate Rate) : Command;
