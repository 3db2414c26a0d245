using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Margin;

/// <summary>
/// The bankruptcy price brackets the price where equity, net of the fee to close where the venue reserves one
/// (Bybit UTA: notional × taker fee), is zero — the same way the liquidation price brackets its root.
/// </summary>
public sealed class BankruptcyPricePropertiesTests
{
    [Fact]
    public void Bankruptcy_price_is_the_first_tick_at_or_beyond_zero_net_equity()
    {
        PropertyCases.Verify(MarginCases.Any, c =>
        {
            if (c.BankruptcyPrice(c.Tick) is not { } price)
            {
                Assert.All(MarginProbes.Around(c), probe =>
                    Assert.True(NetEquity(c, probe) > Fraction.Zero, $"no bankruptcy price, yet net equity ≤ 0 at {probe}; {c}"));
                return;
            }

            Assert.True(price.Units % c.Tick.Units == 0, $"{price} is not a multiple of the tick; {c}");
            var inside = c.IsLong ? price - c.Tick : price + c.Tick;
            if (!c.IsLong && (price == Price.Zero || NetEquity(c, price) < Fraction.Zero))
            {
                // A short whose root is below one tick, or bankrupt at every price (it gets one tick).
                Assert.True(NetEquity(c, c.Tick) <= Fraction.Zero, $"a short's bankruptcy price is {price}, yet net equity > 0 at one tick; {c}");
                return;
            }

            Assert.True(NetEquity(c, price) >= Fraction.Zero, $"net equity is negative at the bankruptcy price {price}; {c}");
            if (inside.IsPositive || (c.IsLinear && inside == Price.Zero))
            {
                Assert.True(NetEquity(c, inside) <= Fraction.Zero, $"net equity is positive one tick past the bankruptcy price, at {inside}; {c}");
            }
        });
    }

    [Fact]
    public void Bankruptcy_price_matches_the_closed_form_root()
    {
        PropertyCases.Verify(MarginCases.Any, c =>
        {
            var root = ExactMargin.BankruptcyRoot(c.Model, c.Position);
            var bp = c.BankruptcyPrice(Price.FromUnits(1));
            if (bp is null && root is { } beyond && beyond > Fraction.FromUnits(FixedPoint.MaxUnits))
            {
                Assert.False(c.IsLong, $"a long's bankruptcy root {beyond} beyond the range gave no price; {c}");
                return;
            }

            if (root is not { } exact)
            {
                // No positive root: never bankrupt (null), or bankrupt at every price (a long the top, a short zero).
                var atEntry = NetEquity(c, c.Position.EntryPrice);
                if (bp is null)
                {
                    Assert.True(atEntry > Fraction.Zero, $"no bankruptcy price, yet net equity {atEntry} at entry; {c}");
                }
                else
                {
                    Assert.True(atEntry <= Fraction.Zero, $"bankrupt everywhere, yet net equity {atEntry} at entry; {c}");
                    Assert.Equal(c.IsLong ? FixedPoint.MaxUnits : 1, bp.Value.Units);
                }

                return;
            }

            var units = c.IsLong ? exact.CeilingUnits() : exact.FloorUnits();
            Assert.Equal(units, bp!.Value.Units);
        });
    }

    [Fact]
    public void The_liquidation_price_comes_before_the_bankruptcy_price()
    {
        PropertyCases.Verify(MarginCases.Any, c =>
        {
            var lp = c.LiquidationPrice(c.Tick);
            var bp = c.BankruptcyPrice(c.Tick);
            if (lp is { } liquidation && bp is { } bankruptcy)
            {
                Assert.True(c.IsLong ? liquidation >= bankruptcy : liquidation <= bankruptcy, $"liquidation {liquidation}, bankruptcy {bankruptcy}; {c}");
            }
            else
            {
                Assert.True(bp is null, $"a bankruptcy price {bp} without a liquidation price; {c}");
            }
        });
    }

    private static Fraction NetEquity(MarginCase c, Price price) => ExactMargin.EquityNetOfFeeToClose(c.Model, c.Position, Fraction.Of(price));
}
