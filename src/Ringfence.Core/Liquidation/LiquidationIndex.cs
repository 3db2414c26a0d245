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
public sealed class LiquidationIndex
{
    private readonly Dictionary<string, Book> _books = new(StringComparer.Ordinal);
    private readonly Dictionary<PositionKey, Entry> _entries = [];

    /// <summary>Number of indexed positions.</summary>
    public int Count => _entries.Count;

    /// <summary>The indexed liquidation price of a position, if it is indexed.</summary>
    public Price? PriceOf(PositionKey key) => _entries.TryGetValue(key, out var entry) ? Price.FromUnits(entry.PriceUnits) : null;

    /// <summary>The side a position is indexed under, if it is indexed.</summary>
    public PositionSide? SideOf(PositionKey key) => _entries.TryGetValue(key, out var entry) ? entry.Side : null;

    /// <summary>Indexes (or re-indexes) a position; a null price removes it (nothing liquidates it).</summary>
    public void Set(PositionKey key, PositionSide side, Price? liquidationPrice)
    {
        Remove(key);
        if (liquidationPrice is not { } price)
        {
            return;
        }

        var entry = new Entry(price.Units, side, 0, key);
        BookOf(key.Symbol).For(side).Add(entry);
        _entries.Add(key, entry);
    }

    /// <summary>Fills this empty index in one go: each book side is built by one sort of its entries.</summary>
    public void Load(IReadOnlyCollection<(PositionKey Key, PositionSide Side, Price Price)> positions)
    {
        if (_entries.Count > 0)
        {
            throw new InvalidOperationException("The index loads in bulk only when empty.");
        }

        _entries.EnsureCapacity(positions.Count);
        var sides = new Dictionary<(string Symbol, PositionSide Side), List<Entry>>();
        foreach (var (key, side, price) in positions)
        {
            var entry = new Entry(price.Units, side, 0, key);
            _entries.Add(key, entry);
            if (!sides.TryGetValue((key.Symbol, side), out var entries))
            {
                entries = [];
                sides.Add((key.Symbol, side), entries);
            }

            entries.Add(entry);
        }

        foreach (var ((symbol, side), entries) in sides)
        {
            var book = BookOf(symbol);
            if (side == PositionSide.Long)
            {
                book.Longs = new SortedSet<Entry>(entries, EntryOrder.Instance);
            }
            else
            {
                book.Shorts = new SortedSet<Entry>(entries, EntryOrder.Instance);
            }
        }
    }

    /// <summary>Removes a position from the index (no-op when absent).</summary>
    public void Remove(PositionKey key)
    {
        if (_entries.Remove(key, out var entry))
        {
            BookOf(key.Symbol).For(entry.Side).Remove(entry);
        }
    }

    /// <summary>
    /// The positions of <paramref name="symbol"/> that <paramref name="mark"/> has reached: longs with a liquidation
    /// price at or above it (highest first), then shorts at or below it (lowest first).
    /// </summary>
    public IReadOnlyList<PositionKey> Crossed(string symbol, Price mark)
    {
        if (!_books.TryGetValue(symbol, out var book))
        {
            return [];
        }

        // The extremes first: on a quiet tick nothing is crossed, and that answer costs two O(log n) walks and no allocation.
        var longsCrossed = book.Longs.Count > 0 && book.Longs.Max.PriceUnits >= mark.Units;
        var shortsCrossed = book.Shorts.Count > 0 && book.Shorts.Min.PriceUnits <= mark.Units;
        if (!longsCrossed && !shortsCrossed)
        {
            return [];
        }

        var crossed = new List<PositionKey>();
        if (longsCrossed)
        {
            foreach (var entry in book.Longs.GetViewBetween(new Entry(mark.Units, PositionSide.Long, -1, default), new Entry(long.MaxValue, PositionSide.Long, 1, default)))
            {
                crossed.Add(entry.Key);
            }

            crossed.Reverse();
        }

        if (shortsCrossed)
        {
            foreach (var entry in book.Shorts.GetViewBetween(new Entry(long.MinValue, PositionSide.Short, -1, default), new Entry(mark.Units, PositionSide.Short, 1, default)))
            {
                crossed.Add(entry.Key);
            }
        }

        return crossed;
    }

    /// <summary>Every indexed position of an instrument, for the full sweep.</summary>
    public IEnumerable<PositionKey> KeysIn(string symbol) =>
        _books.TryGetValue(symbol, out var book) ? book.Longs.Concat(book.Shorts).Select(e => e.Key) : [];

    private Book BookOf(string symbol)
    {
        if (!_books.TryGetValue(symbol, out var book))
        {
            book = new Book();
            _books.Add(symbol, book);
        }

        return book;
    }

    /// <summary>An index entry; <paramref name="Bound"/> is −1/+1 only for the search bounds of a range query.</summary>
    private readonly record struct Entry(long PriceUnits, PositionSide Side, int Bound, PositionKey Key);

    private sealed class EntryOrder : IComparer<Entry>
    {
        public static EntryOrder Instance { get; } = new();

        public int Compare(Entry x, Entry y)
        {
            var byPrice = x.PriceUnits.CompareTo(y.PriceUnits);
            if (byPrice != 0)
            {
                return byPrice;
            }

            var byBound = x.Bound.CompareTo(y.Bound);
            return byBound != 0 || x.Bound != 0 ? byBound : x.Key.CompareTo(y.Key);
        }
    }

    private sealed class Book
    {
        public SortedSet<Entry> Longs { get; set; } = new(EntryOrder.Instance);

        public SortedSet<Entry> Shorts { get; set; } = new(EntryOrder.Instance);

        public SortedSet<Entry> For(PositionSide side) => side == PositionSide.Long ? Longs : Shorts;
    }
}
