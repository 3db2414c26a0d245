using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>The latest price one index source (a spot venue, an oracle feed) reported, and when.</summary>
/// <param name="Source">The source's name; unique among the quotes given to one aggregation, compared ordinally.</param>
/// <param name="Price">The quoted price, quote currency per base unit, exact to 10⁻⁸. Must be positive to be used.</param>
/// <param name="Time">When the source reported it (the source's timestamp, not the time it was received).</param>
public sealed record IndexQuote(string Source, Price Price, DateTimeOffset Time);
