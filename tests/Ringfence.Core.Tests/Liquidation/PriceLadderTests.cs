using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Liquidation;

namespace Ringfence.Core.Tests.Liquidation;

/// <summary>
/// The ladder against a plain sorted list: random adds and removes, with many entries at few prices (runs of one price
/// across blocks), enough of them to split blocks and to empty them, from a bulk load or from nothing.
/// </summary>
public sealed class PriceLadderTests
{
    /// <summary>A seed, how many distinct prices, how many operations, and how many entries to bulk-load first.</summary>
    private static readonly Gen<(int Seed, int Prices, int Operations, int Loaded)> Cases =
        from seed in Gen.Choose(0, int.MaxValue)
        from prices in Gen.Elements(1, 3, 50, 100_000)
        from operations in Gen.Choose(0, 3_000)
        from loaded in Gen.Elements(0, 0, 1, 500, 2_000)
        select (seed, prices, operations, loaded);

    [Fact]
    public void The_ladder_holds_what_a_sorted_list_holds_and_answers_its_range_queries_alike() =>
        PropertyCases.Verify(Cases, c =>
        {
            var random = new Random(c.Seed);
            var ladder = new PriceLadder();
            var model = new List<(long Price, int Slot)>();
            var nextSlot = 0;
            long Price() => 1_000 + random.Next(c.Prices);

            var loadedPrices = new long[c.Loaded];
            var loadedSlots = new int[c.Loaded];
            for (var i = 0; i < c.Loaded; i++)
            {
                loadedPrices[i] = Price();
                loadedSlots[i] = nextSlot++;
                model.Add((loadedPrices[i], loadedSlots[i]));
            }

            ladder.Load(loadedPrices, loadedSlots);
            for (var op = 0; op < c.Operations; op++)
            {
                if (model.Count > 0 && random.Next(5) < 2)
                {
                    var victim = model[random.Next(model.Count)];
                    ladder.Remove(victim.Price, victim.Slot);
                    model.Remove(victim);
                }
                else
                {
                    var entry = (Price(), nextSlot++);
                    ladder.Add(entry.Item1, entry.Item2);
                    model.Add(entry);
                }
            }

            Assert.Equal(model.Count, ladder.Count);
            if (model.Count == 0)
            {
                return;
            }

            Assert.Equal(model.Min(e => e.Price), ladder.Min);
            Assert.Equal(model.Max(e => e.Price), ladder.Max);
            foreach (var probe in new[] { 999L, 1_000, Price(), Price(), 1_000 + c.Prices })
            {
                var above = new List<(long Price, int Slot)>();
                ladder.AtOrAbove(probe, above);
                Assert.Equal(above.Select(e => e.Price).OrderDescending(), above.Select(e => e.Price));
                Assert.Equal(model.Where(e => e.Price >= probe).OrderBy(e => e.Slot), above.OrderBy(e => e.Slot));

                var below = new List<(long Price, int Slot)>();
                ladder.AtOrBelow(probe, below);
                Assert.Equal(below.Select(e => e.Price).Order(), below.Select(e => e.Price));
                Assert.Equal(model.Where(e => e.Price <= probe).OrderBy(e => e.Slot), below.OrderBy(e => e.Slot));
            }
        });

    [Fact]
    public void Removing_an_entry_that_is_not_there_is_an_error()
    {
        var ladder = new PriceLadder();
        ladder.Add(5, 1);

        Assert.Throws<InvalidOperationException>(() => ladder.Remove(5, 2));
        Assert.Throws<InvalidOperationException>(() => ladder.Remove(6, 1));
        Assert.Equal(1, ladder.Count);
    }
}
