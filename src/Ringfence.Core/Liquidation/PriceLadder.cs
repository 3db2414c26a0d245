namespace Ringfence.Core.Liquidation;

/// <summary>
/// A multiset of (price in 10⁻⁸ units, slot) entries in ascending price order, kept in blocks of at most
/// <see cref="BlockCapacity"/> entries, each block two sorted primitive arrays. Finding a price is a binary search over
/// the blocks' first prices and then inside one block; adding or removing moves at most one block's entries; the lowest
/// and highest prices are read without a search. Nothing is compared but <see cref="long"/> prices: entries at the same
/// price are in no particular order, and callers that need an order among them make it (the index sorts them by
/// position key). The slot is the caller's handle for what an entry stands for.
/// </summary>
internal sealed class PriceLadder
{
    /// <summary>Most entries in one block; a full block splits in two.</summary>
    public const int BlockCapacity = 256;

    // Filled to three quarters by a bulk load, so that the first inserts after a restore do not split every block.
    private const int LoadFill = BlockCapacity * 3 / 4;

    private readonly List<Block> _blocks = [];

    /// <summary>Number of entries.</summary>
    public int Count { get; private set; }

    /// <summary>The lowest price; only when <see cref="Count"/> is positive.</summary>
    public long Min => _blocks[0].Prices[0];

    /// <summary>The highest price; only when <see cref="Count"/> is positive.</summary>
    public long Max => _blocks[^1].Prices[_blocks[^1].Count - 1];

    /// <summary>Adds an entry.</summary>
    public void Add(long price, int slot)
    {
        if (_blocks.Count == 0)
        {
            _blocks.Add(new Block());
        }

        var at = LastBlockStartingAtOrBelow(price);
        var block = _blocks[Math.Max(at, 0)];
        if (block.Count == BlockCapacity)
        {
            var upper = block.SplitUpperHalf();
            _blocks.Insert(Math.Max(at, 0) + 1, upper);
            if (price >= upper.Prices[0])
            {
                block = upper;
            }
        }

        block.Insert(price, slot);
        Count++;
    }

    /// <summary>Removes the entry (<paramref name="price"/>, <paramref name="slot"/>), which must be present.</summary>
    /// <exception cref="InvalidOperationException">No such entry: the caller's bookkeeping is broken.</exception>
    public void Remove(long price, int slot)
    {
        // Entries at one price may run across blocks: start at the last block that begins below it.
        for (var b = Math.Max(LastBlockStartingBelow(price), 0); b < _blocks.Count; b++)
        {
            var block = _blocks[b];
            var i = block.FirstAtOrAbove(price);
            for (; i < block.Count && block.Prices[i] == price; i++)
            {
                if (block.Slots[i] == slot)
                {
                    block.RemoveAt(i);
                    Count--;
                    if (block.Count == 0)
                    {
                        _blocks.RemoveAt(b);
                    }

                    return;
                }
            }

            if (i < block.Count)
            {
                break;
            }
        }

        throw new InvalidOperationException($"No entry at price units {price} with slot {slot}.");
    }

    /// <summary>Appends the slots of every entry at or above <paramref name="price"/>, highest price first.</summary>
    public void AtOrAbove(long price, List<(long Price, int Slot)> into)
    {
        for (var b = _blocks.Count - 1; b >= 0; b--)
        {
            var block = _blocks[b];
            for (var i = block.Count - 1; i >= 0; i--)
            {
                if (block.Prices[i] < price)
                {
                    return;
                }

                into.Add((block.Prices[i], block.Slots[i]));
            }
        }
    }

    /// <summary>Appends the slots of every entry at or below <paramref name="price"/>, lowest price first.</summary>
    public void AtOrBelow(long price, List<(long Price, int Slot)> into)
    {
        foreach (var block in _blocks)
        {
            for (var i = 0; i < block.Count; i++)
            {
                if (block.Prices[i] > price)
                {
                    return;
                }

                into.Add((block.Prices[i], block.Slots[i]));
            }
        }
    }

    /// <summary>Fills this empty ladder with <paramref name="prices"/> and their <paramref name="slots"/>, sorted here by one primitive sort.</summary>
    public void Load(long[] prices, int[] slots)
    {
        if (Count > 0)
        {
            throw new InvalidOperationException("A ladder loads in bulk only when empty.");
        }

        Array.Sort(prices, slots);
        for (var start = 0; start < prices.Length; start += LoadFill)
        {
            var block = new Block();
            var length = Math.Min(LoadFill, prices.Length - start);
            Array.Copy(prices, start, block.Prices, 0, length);
            Array.Copy(slots, start, block.Slots, 0, length);
            block.Count = length;
            _blocks.Add(block);
        }

        Count = prices.Length;
    }

    /// <summary>The index of the last block whose first price is at or below <paramref name="price"/>, or −1.</summary>
    private int LastBlockStartingAtOrBelow(long price)
    {
        int low = 0, high = _blocks.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) >>> 1;
            if (_blocks[middle].Prices[0] <= price)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }

        return found;
    }

    /// <summary>The index of the last block whose first price is below <paramref name="price"/>, or −1.</summary>
    private int LastBlockStartingBelow(long price) => LastBlockStartingAtOrBelow(price - 1);

    private sealed class Block
    {
        public long[] Prices { get; } = new long[BlockCapacity];

        public int[] Slots { get; } = new int[BlockCapacity];

        public int Count { get; set; }

        /// <summary>The first position whose price is at or above <paramref name="price"/> (Count when none).</summary>
        public int FirstAtOrAbove(long price)
        {
            int low = 0, high = Count;
            while (low < high)
            {
                var middle = (low + high) >>> 1;
                if (Prices[middle] < price)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return low;
        }

        /// <summary>Inserts after every entry at or below <paramref name="price"/>; the block must have room.</summary>
        public void Insert(long price, int slot)
        {
            var at = FirstAtOrAbove(price == long.MaxValue ? price : price + 1);
            Array.Copy(Prices, at, Prices, at + 1, Count - at);
            Array.Copy(Slots, at, Slots, at + 1, Count - at);
            Prices[at] = price;
            Slots[at] = slot;
            Count++;
        }

        public void RemoveAt(int at)
        {
            Count--;
            Array.Copy(Prices, at + 1, Prices, at, Count - at);
            Array.Copy(Slots, at + 1, Slots, at, Count - at);
        }

        /// <summary>Moves the upper half of this full block into a new block, returned.</summary>
        public Block SplitUpperHalf()
        {
            var upper = new Block();
            var half = Count / 2;
            upper.Count = Count - half;
            Array.Copy(Prices, half, upper.Prices, 0, upper.Count);
            Array.Copy(Slots, half, upper.Slots, 0, upper.Count);
            Count = half;
            return upper;
        }
    }
}
