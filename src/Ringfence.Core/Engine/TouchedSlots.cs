namespace Ringfence.Core.Engine;

/// <summary>
/// The position slots the command in progress touched, each once, in first-touch order: a list and a flag per slot,
/// so a touch costs an array read instead of a walk down an ordered set of keys. The order does not matter to what is
/// done with them (each slot is re-indexed on its own), only that none is missed or repeated.
/// </summary>
internal sealed class TouchedSlots
{
    private readonly List<int> _slots = [];
    private bool[] _touched = new bool[64];

    /// <summary>The touched slots.</summary>
    public IReadOnlyList<int> Slots => _slots;

    /// <summary>Marks a slot touched (no-op when it already is).</summary>
    public void Add(int slot)
    {
        if (slot >= _touched.Length)
        {
            Array.Resize(ref _touched, Math.Max(slot + 1, _touched.Length * 2));
        }

        if (!_touched[slot])
        {
            _touched[slot] = true;
            _slots.Add(slot);
        }
    }

    /// <summary>Forgets every touched slot.</summary>
    public void Clear()
    {
        foreach (var slot in _slots)
        {
            _touched[slot] = false;
        }

        _slots.Clear();
    }
}
