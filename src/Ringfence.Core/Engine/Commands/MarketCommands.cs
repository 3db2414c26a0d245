using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine.Commands;

/// <summary>Lists an instrument under a venue rule profile (by name, see <see cref="Margin.VenueProfiles"/>).</summary>
public sealed record ListInstrument(Instrument Instrument, string Profile) : Command;

/// <summary>Sets an instrument's mark price; runs auto top-up and raises margin calls.</summary>
public sealed record UpdateMarkPrice(string Symbol, Price Price) : Command;

/// <summary>
/// Settles one funding payment at the current mark: each position pays or receives notional at mark × rate
/// (a positive rate: longs pay shorts).
/// </summary>
public sealed record ApplyFundingRate(string Symbol, Rate Rate) : Command;
