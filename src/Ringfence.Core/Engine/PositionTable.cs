using System.Runtime.InteropServices;
using Ringfence.Core.Ledger;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine;

/// <summary>
/// Positions in dense slots: a key is mapped to its slot once (one hash lookup, the first time the key is seen — in
/// command order, so the numbering is deterministic), and the position, its key and the ledger slot of its margin
/// account sit in columns indexed by slot. A slot stays with its key when the position closes (the key may open again);
/// the slot numbers never leave the engine: every listing is sorted by key.
/// </summary>
internal sealed class PositionTable
{
    private readonly Dictionary<PositionKey, int> _slots = [];
    private PositionKey[] _keys = new PositionKey[64];
    private Position?[] _positions = new Position?[64];
    private int[] _marginSlots = new int[64];
    private int _count;

    /// <summary>Number of open positions.</summary>
    public int Count { get; private set; }

    /// <summary>Number of slots handed out (open positions and keys whose position closed).</summary>
    public int SlotCount => _count;

    /// <summary>The open positions, in slot order (not a canonical order: sort before anything leaves the engine).</summary>
    public IEnumerable<Position> Open
    {
        get
        {
            for (var slot = 0; slot < _count; slot++)
            {
                if (_positions[slot] is { } position)
                {
                    yield return position;
                }
            }
        }
    }

    /// <summary>The slot of <paramref name="key"/>, made (empty) the first time the key is asked for.</summary>
    public int SlotOf(PositionKey key)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, key, out var exists);
        if (!exists)
        {
            slot = Add(key);
        }

        return slot;
    }

    /// <summary>The open position under <paramref name="key"/>, if there is one.</summary>
    public bool TryGet(PositionKey key, out Position position)
    {
        if (_slots.TryGetValue(key, out var slot) && _positions[slot] is { } open)
        {
            position = open;
            return true;
        }

        position = null!;
        return false;
    }

    /// <summary>The key a slot belongs to.</summary>
    public PositionKey KeyAt(int slot) => _keys[slot];

    /// <summary>The open position in a slot, or null.</summary>
    public Position? At(int slot) => _positions[slot];

    /// <summary>Puts a position in its slot, or empties the slot (null).</summary>
    public void Set(int slot, Position? position)
    {
        var previous = _positions[slot];
        _positions[slot] = position;
        Count += (position is null ? 0 : 1) - (previous is null ? 0 : 1);
    }

    /// <summary>The ledger slot of the isolated margin account of the key in <paramref name="slot"/>, once it has one.</summary>
    public LedgerSlot? MarginSlot(int slot) => _marginSlots[slot] < 0 ? null : new LedgerSlot(_marginSlots[slot]);

    /// <summary>Remembers the ledger slot of the key's isolated margin account.</summary>
    public void SetMarginSlot(int slot, LedgerSlot margin) => _marginSlots[slot] = margin.Value;

    /// <summary>Makes room for <paramref name="slots"/> slots in all (before a bulk load).</summary>
    public void EnsureCapacity(int slots)
    {
        _slots.EnsureCapacity(slots);
        Grow(slots);
    }

    private int Add(PositionKey key)
    {
        Grow(_count + 1);
        var slot = _count++;
        _keys[slot] = key;
        _positions[slot] = null;
        _marginSlots[slot] = -1;
        return slot;
    }

    private void Grow(int needed) => SlotColumns.Grow(needed, ref _keys, ref _positions, ref _marginSlots);
}
