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
/// Each side of a book is a <see cref="PriceLadder"/> of (price units, slot) pairs: a position is a slot number here, and
/// only <see cref="long"/> prices are compared while it is indexed, moved or removed. Position keys are compared only
/// for the answer of <see cref="Crossed"/>, among crossed positions at one price, so that its order — the order in which
/// they are liquidated — is the same however the index was built (by commands, or in bulk from a snapshot).
/// </remarks>
public sealed class LiquidationIndex
{
    private readonly Dictionary<string, Book> _books = new(StringComparer.Ordinal);
    private readonly Dictionary<PositionKey, Entry> _entries = [];

    // Slot → key; freed slots are reused, so the table grows only to the most positions indexed at once.
    private readonly List<PositionKey> _keys = [];
    private readonly Stack<int> _freeSlots = new();

    /// <summary>Number of indexed positions.</summary>
    public int Count => _entries.Count;

    /// <summary>The indexed liquidation price of a position, if it is indexed.</summary>
    public Price? PriceOf(PositionKey key) => _entries.TryGetValue(key, out var entry) ? Price.FromUnits(entry.PriceUnits) : null;

    /// <summary>The side a position is indexed under, if it is indexed.</summary>
    public PositionSide? SideOf(PositionKey key) => _entries.TryGetValue(key, out var entry) ? entry.Side : null;

    /// <summary>Indexes (or re-indexes) a position; a null price removes it (nothing liquidates it).</summary>
    public void Set(PositionKey key, PositionSide side, Price? liquidationPrice)
    {
        if (_entries.TryGetValue(key, out var current))
        {
            if (liquidationPrice is { } moved && current.Side == side)
            {
                // Re-priced in place: the slot stays.
                var ladder = BookOf(key.Symbol).For(side);
                ladder.Remove(current.PriceUnits, current.Slot);
                ladder.Add(moved.Units, current.Slot);
                _entries[key] = current with { PriceUnits = moved.Units };
                return;
            }

            Remove(key);
        }

        if (liquidationPrice is not { } price)
        {
            return;
        }

        var slot = Allocate(key);
        BookOf(key.Symbol).For(side).Add(price.Units, slot);
        _entries.Add(key, new Entry(price.Units, side, slot));
    }

    /// <summary>Fills this empty index in one go: each book side is built by one sort of its prices.</summary>
    public void Load(IReadOnlyCollection<(PositionKey Key, PositionSide Side, Price Price)> positions)
    {
        if (_entries.Count > 0)
        {
            throw new InvalidOperationException("The index loads in bulk only when empty.");
        }

        _entries.EnsureCapacity(positions.Count);
        var sides = new Dictionary<(string Symbol, PositionSide Side), (List<long> Prices, List<int> Slots)>();
        foreach (var (key, side, price) in positions)
        {
            var slot = Allocate(key);
            _entries.Add(key, new Entry(price.Units, side, slot));
            if (!sides.TryGetValue((key.Symbol, side), out var entries))
            {
                entries = ([], []);
                sides.Add((key.Symbol, side), entries);
            }

            entries.Prices.Add(price.Units);
            entries.Slots.Add(slot);
        }

        foreach (var ((symbol, side), (prices, slots)) in sides)
        {
            BookOf(symbol).For(side).Load([.. prices], [.. slots]);
        }
    }

    /// <summary>Removes a position from the index (no-op when absent).</summary>
    public void Remove(PositionKey key)
    {
        if (_entries.Remove(key, out var entry))
        {
            BookOf(key.Symbol).For(entry.Side).Remove(entry.PriceUnits, entry.Slot);
            _keys[entry.Slot] = default;
            _freeSlots.Push(entry.Slot);
        }
    }

    /// <summary>
    /// The positions of <paramref name="symbol"/> that <paramref name="mark"/> has reached: longs with a liquidation
    /// price at or above it (highest first), then shorts at or below it (lowest first); at one price, longs in
    /// descending and shorts in ascending key order.
    /// </summary>
    public IReadOnlyList<PositionKey> Crossed(string symbol, Price mark)
    {
        if (!_books.TryGetValue(symbol, out var book))
        {
            return [];
        }

        // The extremes first: on a quiet tick nothing is crossed, and that answer costs two reads and no allocation.
        var longsCrossed = book.Longs.Count > 0 && book.Longs.Max >= mark.Units;
        var shortsCrossed = book.Shorts.Count > 0 && book.Shorts.Min <= mark.Units;
        if (!longsCrossed && !shortsCrossed)
        {
            return [];
        }

        var crossed = new List<PositionKey>();
        var found = new List<(long Price, int Slot)>();
        if (longsCrossed)
        {
            book.Longs.AtOrAbove(mark.Units, found);
            AppendByPriceThenKey(found, crossed, descendingKeys: true);
        }

        if (shortsCrossed)
        {
            found.Clear();
            book.Shorts.AtOrBelow(mark.Units, found);
            AppendByPriceThenKey(found, crossed, descendingKeys: false);
        }

        return crossed;
    }

    /// <summary>Every indexed position of an instrument, in no particular order.</summary>
    public IEnumerable<PositionKey> KeysIn(string symbol) => _entries.Keys.Where(k => k.Symbol == symbol);

    /// <summary>
    /// Appends the keys of <paramref name="found"/> (already in price order) to <paramref name="into"/>, each run of
    /// one price sorted by key.
    /// </summary>
    private void AppendByPriceThenKey(List<(long Price, int Slot)> found, List<PositionKey> into, bool descendingKeys)
    {
        for (var start = 0; start < found.Count;)
        {
            var end = start + 1;
            while (end < found.Count && found[end].Price == found[start].Price)
            {
                end++;
            }

            var first = into.Count;
            for (var i = start; i < end; i++)
            {
                into.Add(_keys[found[i].Slot]);
            }

            if (end - start > 1)
            {
                into.Sort(first, end - start, descendingKeys ? DescendingKeys.Instance : Comparer<PositionKey>.Default);
            }

            start = end;
        }
    }

    private int Allocate(PositionKey key)
    {
        if (_freeSlots.TryPop(out var slot))
        {
            _keys[slot] = key;
            return slot;
        }

        _keys.Add(key);
        return _keys.Count - 1;
    }

    private Book BookOf(string symbol)
    {
        if (!_books.TryGetValue(symbol, out var book))
        {
            book = new Book();
            _books.Add(symbol, book);
        }

        return book;
    }

    /// <summary>Where a position is indexed: its price in 10⁻⁸ units, its side and its slot.</summary>
    private readonly record struct Entry(long PriceUnits, PositionSide Side, int Slot);

    private sealed class DescendingKeys : IComparer<PositionKey>
    {
        public static DescendingKeys Instance { get; } = new();

        public int Compare(PositionKey x, PositionKey y) => y.CompareTo(x);
    }

    private sealed class Book
    {
        public PriceLadder Longs { get; } = new();

        public PriceLadder Shorts { get; } = new();

        public PriceLadder For(PositionSide side) => side == PositionSide.Long ? Longs : Shorts;
    }
}
