using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Engine.Handlers;
using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;
using Ringfence.Core.Margin;

namespace Ringfence.Core.Tests.Engine.Handlers;

public sealed class PositionChangesTests
{
    [Fact]
    public void The_average_entry_is_the_exact_weighted_mean_rounded_against_the_holder_at_any_size()
    {
        // Sizes and prices up to the largest units reach the arbitrary-precision path; realistic ones the 128-bit one.
        var units = Gen.OneOf(Draw.SpreadBetween(1, 10_000_000_000_000), Draw.SpreadBetween(1, FixedPoint.MaxUnits / 2));
        var cases =
            from inverse in Gen.Elements(false, true)
            from side in Gen.Elements(PositionSide.Long, PositionSide.Short)
            from held in units
            from added in units
            from entry in units
            from price in units
            select (inverse, side, Held: Quantity.FromUnits(held), Added: Quantity.FromUnits(added), Entry: Price.FromUnits(entry), Price: Price.FromUnits(price));
        PropertyCases.Verify(cases, c =>
        {
            var contract = c.inverse ? ContractSpec.Inverse(Quantity.FromWhole(100)) : ContractSpec.Linear(Quantity.FromUnits(1_000_000));
            var q1 = Fraction.Of(c.Held);
            var q2 = Fraction.Of(c.Added);
            var exact = c.inverse
                ? (q1 + q2) / ((q1 / Fraction.Of(c.Entry)) + (q2 / Fraction.Of(c.Price)))
                : ((q1 * Fraction.Of(c.Entry)) + (q2 * Fraction.Of(c.Price))) / (q1 + q2);
            var expected = c.side == PositionSide.Long ? exact.CeilingUnits() : exact.FloorUnits();

            var average = PositionChanges.AverageEntry(contract, c.side, c.Held, c.Entry, c.Added, c.Price);

            Assert.Equal(expected, average.Units);
        });
    }
}
