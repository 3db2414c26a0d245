using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine;

/// <summary>
/// An account's positions in one cross or pod scope, read in place from the account's key list: valuing a scope walks
/// them without copying them into a list or boxing an enumerator. Not for walking while the scope's positions change
/// (the liquidator takes a copy: <see cref="EngineState.PositionsOf"/>).
/// </summary>
internal readonly struct ScopePositions(PositionTable table, List<PositionKey>? keys, MarginScope scope)
{
    public Enumerator GetEnumerator() => new(table, keys, scope);

    /// <summary>Walks the keys of the scope, in key order, yielding each one's open position.</summary>
    internal struct Enumerator(PositionTable table, List<PositionKey>? keys, MarginScope scope)
    {
        private int _index = -1;

        public Position Current { get; private set; } = null!;

        public bool MoveNext()
        {
            if (keys is null)
            {
                return false;
            }

            while (++_index < keys.Count)
            {
                var key = keys[_index];
                if (key.Scope == scope)
                {
                    Current = table.TryGet(key, out var position) ? position : throw new KeyNotFoundException($"No position {key}.");
                    return true;
                }
            }

            return false;
        }
    }
}
