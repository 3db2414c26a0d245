using System.Collections.Concurrent;
using Ringfence.Core.Engine;
using Ringfence.Core.Positions;

namespace Ringfence.Server.ReadModels;

/// <summary>
/// The auto-deleveraging queue of each instrument, for position reads. Ranking sorts every position of the instrument,
/// so a ranking is reused until the state changes, and while it changes, for up to a second: on a busy book a
/// position's <c>adlRank</c> may be up to a second old (docs/api.md). Used on the engine thread only.
/// </summary>
public sealed class AdlRankCache(TimeProvider clock)
{
    private static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(1);
    private readonly ConcurrentDictionary<string, (long Sequence, DateTimeOffset At, IReadOnlyDictionary<PositionKey, int> Ranks)> _ranks = new(StringComparer.Ordinal);

    /// <summary>The ranks of <paramref name="symbol"/>'s positions at about <paramref name="sequence"/>.</summary>
    public IReadOnlyDictionary<PositionKey, int> Of(MarginEngine engine, string symbol, long sequence)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var now = clock.GetUtcNow();
        if (_ranks.TryGetValue(symbol, out var cached) && (cached.Sequence == sequence || now - cached.At < MaxAge))
        {
            return cached.Ranks;
        }

        var ranks = engine.Queries.AdlRanks(symbol);
        _ranks[symbol] = (sequence, now, ranks);
        return ranks;
    }

    /// <summary>The rank of one position (0 when unranked).</summary>
    public int RankOf(MarginEngine engine, PositionKey key, long sequence) => Of(engine, key.Symbol, sequence).GetValueOrDefault(key);
}
