using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Liquidation;

/// <summary>
/// Isolated positions ordered by liquidation price, per instrument and side, each position a dense slot number handed
/// out by its owner (the engine's position table): where a slot is indexed — its book side and price — sits in columns
/// indexed by the slot, so indexing, re-pricing and removing a position compare only <see cref="long"/> prices and read
/// no hash table. Keys are read (through <c>keyOf</c>) only to order crossed positions of one price, so that the
/// answer of <see cref="Crossed"/> is the same however the slots were numbered.
/// </summary>
internal sealed class LiquidationSlotIndex(Func<int, PositionKey> keyOf)
{
    private readonly Dictionary<string, Book> _books = new(StringComparer.Ordinal);
    private Book?[] _bookOf = new Book?[64];
    private long[] _price = new long[64];
    private PositionSide[] _side = new PositionSide[64];

    /// <summary>Number of indexed positions.</summary>
    public int Count { get; private set; }

    /// <summary>The indexed liquidation price of a slot, if it is indexed.</summary>
    public Price? PriceOf(int slot) => IsIndexed(slot) ? Price.FromUnits(_price[slot]) : null;

    /// <summary>The side a slot is indexed under, if it is indexed.</summary>
    public PositionSide? SideOf(int slot) => IsIndexed(slot) ? _side[slot] : null;

    /// <summary>Indexes (or re-indexes) a slot of <paramref name="symbol"/>; a null price removes it.</summary>
    public void Set(int slot, string symbol, PositionSide side, Price? liquidationPrice)
    {
        Grow(slot + 1);
        if (_bookOf[slot] is { } book)
        {
            if (liquidationPrice is { } moved && _side[slot] == side && book.Symbol == symbol)
            {
                // Re-priced in place: the slot stays on its side.
                var ladder = book.For(side);
                ladder.Remove(_price[slot], slot);
                ladder.Add(moved.Units, slot);
                _price[slot] = moved.Units;
                return;
            }

            Remove(slot);
        }

        if (liquidationPrice is not { } price)
        {
            return;
        }

        var target = BookOf(symbol);
        target.For(side).Add(price.Units, slot);
        (_bookOf[slot], _price[slot], _side[slot]) = (target, price.Units, side);
        Count++;
    }

    /// <summary>Removes a slot from the index (no-op when it is not indexed).</summary>
    public void Remove(int slot)
    {
        if (IsIndexed(slot))
        {
            _bookOf[slot]!.For(_side[slot]).Remove(_price[slot], slot);
            _bookOf[slot] = null;
            Count--;
        }
    }

    /// <summary>Fills this empty index in one go: each book side is built by one sort of its prices.</summary>
    public void Load(IReadOnlyCollection<(int Slot, string Symbol, PositionSide Side, Price Price)> positions)
    {
        if (Count > 0)
        {
            throw new InvalidOperationException("The index loads in bulk only when empty.");
        }

        var sides = new Dictionary<(string Symbol, PositionSide Side), (List<long> Prices, List<int> Slots)>();
        foreach (var (slot, symbol, side, price) in positions)
        {
            Grow(slot + 1);
            if (_bookOf[slot] is not null)
            {
                throw new InvalidOperationException($"Slot {slot} is loaded twice.");
            }

            (_bookOf[slot], _price[slot], _side[slot]) = (BookOf(symbol), price.Units, side);
            Count++;
            if (!sides.TryGetValue((symbol, side), out var entries))
            {
                entries = ([], []);
                sides.Add((symbol, side), entries);
            }

            entries.Prices.Add(price.Units);
            entries.Slots.Add(slot);
        }

        foreach (var ((symbol, side), (prices, slots)) in sides)
        {
            BookOf(symbol).For(side).Load([.. prices], [.. slots]);
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

    private bool IsIndexed(int slot) => slot < _bookOf.Length && _bookOf[slot] is not null;

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
                into.Add(keyOf(found[i].Slot));
            }

            if (end - start > 1)
            {
                into.Sort(first, end - start, descendingKeys ? DescendingKeys.Instance : Comparer<PositionKey>.Default);
            }

            start = end;
        }
    }

    private void Grow(int needed) => Engine.SlotColumns.Grow(needed, ref _bookOf, ref _price, ref _side);

    private Book BookOf(string symbol)
    {
        if (!_books.TryGetValue(symbol, out var book))
        {
            book = new Book(symbol);
            _books.Add(symbol, book);
        }

        return book;
    }

    private sealed class DescendingKeys : IComparer<PositionKey>
    {
        public static DescendingKeys Instance { get; } = new();

        public int Compare(PositionKey x, PositionKey y) => y.CompareTo(x);
    }

    private sealed class Book(string symbol)
    {
        public string Symbol => symbol;

        public PriceLadder Longs { get; } = new();

        public PriceLadder Shorts { get; } = new();

        public PriceLadder For(PositionSide side) => side == PositionSide.Long ? Longs : Shorts;
    }
}
