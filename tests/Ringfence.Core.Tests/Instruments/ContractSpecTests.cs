using System.Numerics;
using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Instruments;

/// <summary>Notional and PnL of linear and inverse contracts against exact fractions, rounded once as told.</summary>
public sealed class ContractSpecTests
{
    private static Gen<ContractSpec> Contracts => Gen.OneOf(
        Gen.Constant(ContractSpec.Linear()),
        Draw.Value<Quantity>(Draw.SpreadBetween(1, 100 * FixedPoint.Scale)).Select(ContractSpec.Linear),
        Draw.Value<Quantity>(Draw.SpreadBetween(1, 1_000 * FixedPoint.Scale)).Select(ContractSpec.Inverse));

    private static Gen<Quantity> Quantities => Draw.Value<Quantity>(Draw.SpreadBetween(0, 1_000_000 * FixedPoint.Scale));

    private static Gen<Price> Prices => Draw.Value<Price>(Draw.SpreadBetween(1, 1_000_000 * FixedPoint.Scale));

    [Fact]
    public void Notional_is_the_exact_value_rounded_down_or_up()
    {
        var cases = from contract in Contracts from quantity in Quantities from price in Prices select (contract, quantity, price);
        PropertyCases.Verify(cases, t =>
        {
            var sized = Fraction.Of(t.quantity) * Fraction.Of(t.contract.Size);
            var exact = t.contract.Type == ContractType.Linear ? sized * Fraction.Of(t.price) : sized / Fraction.Of(t.price);
            AssertRoundedOrOverflow(exact, r => t.contract.Notional(t.quantity, t.price, r));
        });
    }

    [Fact]
    public void Pnl_is_the_exact_side_times_move_rounded_down_or_up()
    {
        var cases =
            from contract in Contracts
            from side in Gen.Elements(PositionSide.Long, PositionSide.Short)
            from quantity in Quantities
            from entry in Prices
            from exit in Prices
            select (contract, side, quantity, entry, exit);
        PropertyCases.Verify(cases, t =>
        {
            var sized = Fraction.Of(t.quantity) * Fraction.Of(t.contract.Size) * Fraction.Whole(t.side.Sign());
            var exact = t.contract.Type == ContractType.Linear
                ? sized * (Fraction.Of(t.exit) - Fraction.Of(t.entry))
                : sized * ((Fraction.Whole(1) / Fraction.Of(t.entry)) - (Fraction.Whole(1) / Fraction.Of(t.exit)));
            AssertRoundedOrOverflow(exact, r => t.contract.Pnl(t.side, t.quantity, t.entry, t.exit, r));
        });
    }

    [Fact]
    public void Published_values_come_out_exactly()
    {
        // Bybit: 100 XYZUSDT at 35 is worth 3,500; Binance COIN-M: 10 contracts of 100 USD at 9,800 are 0.10204081… BTC.
        Assert.Equal(Money.Parse("3500"), ContractSpec.Linear().Notional(Quantity.Parse("100"), Price.Parse("35"), Rounding.Down));
        var inverse = ContractSpec.Inverse(Quantity.Parse("100"));
        Assert.Equal(Money.Parse("0.10204081"), inverse.Notional(Quantity.Parse("10"), Price.Parse("9800"), Rounding.Down));
        Assert.Equal(Money.Parse("0.10204082"), inverse.Notional(Quantity.Parse("10"), Price.Parse("9800"), Rounding.Up));

        // BitMEX: long 1,000 XBTUSD from 1,000 to 1,250 gains 1000 × (1/1000 − 1/1250) = 0.2 XBT.
        var bitmex = ContractSpec.Inverse(Quantity.Parse("1"));
        Assert.Equal(Money.Parse("0.2"), bitmex.Pnl(PositionSide.Long, Quantity.Parse("1000"), Price.Parse("1000"), Price.Parse("1250"), Rounding.Down));
        Assert.Equal(Money.Parse("-0.2"), bitmex.Pnl(PositionSide.Short, Quantity.Parse("1000"), Price.Parse("1000"), Price.Parse("1250"), Rounding.Up));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-1")]
    public void A_contract_size_that_is_not_positive_is_rejected(string size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractSpec.Linear(Quantity.Parse(size)));
        Assert.Throws<ArgumentOutOfRangeException>(() => ContractSpec.Inverse(Quantity.Parse(size)));
    }

    [Theory]
    [InlineData("0")]
    [InlineData("-100")]
    public void An_inverse_contract_needs_positive_prices(string price)
    {
        var inverse = ContractSpec.Inverse(Quantity.Parse("100"));
        var one = Quantity.Parse("1");
        Assert.Throws<ArgumentOutOfRangeException>(() => inverse.Notional(one, Price.Parse(price), Rounding.Up));
        Assert.Throws<ArgumentOutOfRangeException>(() => inverse.Pnl(PositionSide.Long, one, Price.Parse(price), Price.Parse("100"), Rounding.Up));
        Assert.Throws<ArgumentOutOfRangeException>(() => inverse.Pnl(PositionSide.Long, one, Price.Parse("100"), Price.Parse(price), Rounding.Up));
    }

    private static void AssertRoundedOrOverflow(Fraction exact, Func<Rounding, Money> compute)
    {
        BigInteger[] expected = [exact.FloorUnits(), exact.CeilingUnits()];
        Rounding[] roundings = [Rounding.Down, Rounding.Up];
        for (var i = 0; i < 2; i++)
        {
            var rounding = roundings[i];
            if (BigInteger.Abs(expected[i]) > FixedPoint.MaxUnits)
            {
                Assert.Throws<OverflowException>(() => compute(rounding));
            }
            else
            {
                Assert.Equal(expected[i], compute(rounding).Units);
            }
        }
    }
}
