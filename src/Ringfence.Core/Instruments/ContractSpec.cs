using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Instruments;

/// <summary>
/// The valuation of one contract: its settlement type and its size. For a linear contract the size is the base
/// quantity per contract (1 when sizes are given in base units); for an inverse contract it is the USD face value
/// per contract (100 for Binance's BTCUSD, 1 for Bybit's).
/// </summary>
public readonly record struct ContractSpec
{
    private ContractSpec(ContractType type, Quantity size)
    {
        if (!size.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(size), size, "The contract size must be positive.");
        }

        Type = type;
        Size = size;
    }

    /// <summary>Linear or inverse.</summary>
    public ContractType Type { get; }

    /// <summary>Base units per contract (linear) or USD face value per contract (inverse).</summary>
    public Quantity Size { get; }

    /// <summary>A linear contract whose size is given in base units (contract size 1).</summary>
    public static ContractSpec Linear() => new(ContractType.Linear, Quantity.FromWhole(1));

    /// <summary>A linear contract of <paramref name="baseUnitsPerContract"/> base units each (OKX: 0.01 BTC).</summary>
    public static ContractSpec Linear(Quantity baseUnitsPerContract) => new(ContractType.Linear, baseUnitsPerContract);

    /// <summary>An inverse contract of <paramref name="faceValue"/> USD each.</summary>
    public static ContractSpec Inverse(Quantity faceValue) => new(ContractType.Inverse, faceValue);

    /// <summary>
    /// The value of <paramref name="quantity"/> contracts at <paramref name="price"/> in the settle asset:
    /// linear q × size × p, inverse q × size ÷ p. Rounded once in the given direction.
    /// </summary>
    public Money Notional(Quantity quantity, Price price, Rounding rounding)
    {
        var sizedQuantity = (Int128)quantity.Units * Size.Units;
        var units = Type == ContractType.Linear
            ? FixedPoint.MulDiv(sizedQuantity, price.Units, (Int128)FixedPoint.Scale * FixedPoint.Scale, rounding)
            : FixedPoint.MulDiv(sizedQuantity, 1, RequirePositive(price).Units, rounding);
        return Money.FromUnits(FixedPoint.ToUnits(units));
    }

    /// <summary>
    /// The profit of a <paramref name="side"/> position of <paramref name="quantity"/> contracts moved from
    /// <paramref name="entry"/> to <paramref name="exit"/>, in the settle asset: linear side × q × size × (exit − entry),
    /// inverse side × q × size × (1/entry − 1/exit). Rounded once in the given direction.
    /// </summary>
    public Money Pnl(PositionSide side, Quantity quantity, Price entry, Price exit, Rounding rounding)
    {
        var signedSizedQuantity = (Int128)quantity.Units * Size.Units * side.Sign();
        var move = (Int128)exit.Units - entry.Units;
        var units = Type == ContractType.Linear
            ? FixedPoint.MulDiv(signedSizedQuantity, move, (Int128)FixedPoint.Scale * FixedPoint.Scale, rounding)
            : FixedPoint.MulDiv(signedSizedQuantity, move, (Int128)RequirePositive(entry).Units * RequirePositive(exit).Units, rounding);
        return Money.FromUnits(FixedPoint.ToUnits(units));
    }

    private static Price RequirePositive(Price price) =>
        price.IsPositive ? price : throw new ArgumentOutOfRangeException(nameof(price), price, "An inverse contract needs a positive price.");
}
