using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Margin;

/// <summary>Prices at which a claim about every positive price is sampled: one tick, and 1/100 to 100 times the entry.</summary>
internal static class MarginProbes
{
    private static readonly (long Numerator, long Denominator)[] Multiples = [(1, 100), (1, 4), (1, 2), (9, 10), (1, 1), (11, 10), (2, 1), (4, 1), (100, 1)];

    public static IEnumerable<Price> Around(MarginCase c) =>
        Multiples.Select(m => Price.FromUnits(c.Position.EntryPrice.Units / m.Denominator * m.Numerator)).Prepend(c.Tick);
}
