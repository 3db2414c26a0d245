using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Margin;

/// <summary>
/// One isolated position: what the margin mathematics needs to know about it.
/// </summary>
/// <param name="Contract">How size and price become value.</param>
/// <param name="Side">Long or short.</param>
/// <param name="Quantity">Absolute size: base units for linear contracts, contracts for inverse ones. Positive.</param>
/// <param name="EntryPrice">Average entry price. Positive.</param>
/// <param name="Margin">
/// The isolated wallet balance, in the settle asset: collateral allocated at opening, plus margin added, minus margin
/// removed, minus funding paid (plus funding received). This is all the position can lose.
/// </param>
public readonly record struct IsolatedPosition(ContractSpec Contract, PositionSide Side, Quantity Quantity, Price EntryPrice, Money Margin)
{
    /// <summary>Validates the record: size and entry price must be positive.</summary>
    /// <exception cref="ArgumentOutOfRangeException">A field is out of range.</exception>
    public IsolatedPosition Validate()
    {
        if (!Quantity.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(Quantity), Quantity, "The position size must be positive.");
        }

        if (!EntryPrice.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(EntryPrice), EntryPrice, "The entry price must be positive.");
        }

        return this;
    }

    /// <summary>The same position after <paramref name="delta"/> of margin is added (positive) or removed (negative).</summary>
    public IsolatedPosition WithMarginChange(Money delta) => this with { Margin = Margin + delta };

    /// <summary>The same position after paying <paramref name="funding"/> out of its margin (negative: received).</summary>
    public IsolatedPosition AfterFundingPaid(Money funding) => this with { Margin = Margin - funding };

    /// <summary>The position's value at its entry price, in the settle asset, rounded up.</summary>
    public Money EntryNotional => Contract.Notional(Quantity, EntryPrice, Rounding.Up);
}
