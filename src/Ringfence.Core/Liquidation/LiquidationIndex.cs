using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Liquidation;

/// <summary>
/// Isolated positions ordered by liquidation price, per instrument and side. For an isolated position with fixed
/// collateral the liquidation price is a constant until the position, its collateral or its tier changes, so a mark
/// price update finds the positions it crossed in O(log n + k): longs whose price is at or above the mark, shorts whose
/// price is at or below it. The index is a candidate filter biased to include; the integer margin check decides.
/// </summary>
/// <remarks>
/// This is the stand-alone form, keyed by <see cref="PositionKey"/>: each key gets a slot the first time it is indexed,
/// and the slots are held in a <see cref="PriceLadder"/> per book side. The engine indexes its own position slots
/// directly and looks no key up.
/// </remarks>
public sealed class LiquidationIndex
{
    private readonly Dictionary<PositionKey, int> _slots = [];
    private readonly List<PositionKey> _keys = [];
    private readonly LiquidationSlotIndex _index;

    /// <summary>An empty index.</summary>
    public LiquidationIndex() => _index = new LiquidationSlotIndex(slot => _keys[slot]);

    /// <summary>Number of indexed positions.</summary>
    public int Count => _index.Count;

    /// <summary>The indexed liquidation price of a position, if it is indexed.</summary>
    public Price? PriceOf(PositionKey key) => _slots.TryGetValue(key, out var slot) ? _index.PriceOf(slot) : null;

    /// <summary>The side a position is indexed under, if it is indexed.</summary>
    public PositionSide? SideOf(PositionKey key) => _slots.TryGetValue(key, out var slot) ? _index.SideOf(slot) : null;

    /// <summary>Indexes (or re-indexes) a position; a null price removes it (nothing liquidates it).</summary>
    public void Set(PositionKey key, PositionSide side, Price? liquidationPrice)
    {
        if (liquidationPrice is null && !_slots.ContainsKey(key))
        {
            return;
        }

        _index.Set(SlotOf(key), key.Symbol, side, liquidationPrice);
    }

    /// <summary>Fills this empty index in one go: each book side is built by one sort of its prices.</summary>
    public void Load(IReadOnlyCollection<(PositionKey Key, PositionSide Side, Price Price)> positions)
    {
        if (Count > 0)
        {
            throw new InvalidOperationException("The index loads in bulk only when empty.");
        }

        var slotted = new List<(int Slot, string Symbol, PositionSide Side, Price Price)>(positions.Count);
        foreach (var (key, side, price) in positions)
        {
            slotted.Add((SlotOf(key), key.Symbol, side, price));
        }

        _index.Load(slotted);
    }

    /// <summary>Removes a position from the index (no-op when absent).</summary>
    public void Remove(PositionKey key)
    {
        if (_slots.TryGetValue(key, out var slot))
        {
            _index.Remove(slot);
        }
    }

    /// <summary>
    /// The positions of <paramref name="symbol"/> that <paramref name="mark"/> has reached: longs with a liquidation
    /// price at or above it (highest first), then shorts at or below it (lowest first); at one price, longs in
    /// descending and shorts in ascending key order.
    /// </summary>
    public IReadOnlyList<PositionKey> Crossed(string symbol, Price mark) => _index.Crossed(symbol, mark);

    /// <summary>The slot of <paramref name="key"/>, made the first time the key is indexed.</summary>
    private int SlotOf(PositionKey key)
    {
        if (!_slots.TryGetValue(key, out var slot))
        {
            slot = _keys.Count;
            _keys.Add(key);
            _slots.Add(key, slot);
        }

        return slot;
    }

    /// <summary>Every indexed position of an instrument, in no particular order.</summary>
    public IEnumerable<PositionKey> KeysIn(string symbol) =>
        _slots.Where(p => p.Key.Symbol == symbol && _index.PriceOf(p.Value) is not null).Select(p => p.Key);
}
