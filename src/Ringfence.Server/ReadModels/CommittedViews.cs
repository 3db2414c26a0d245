using System.Collections.Immutable;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Engine.Views;
using Ringfence.Core.Positions;
using Ringfence.Hosting;

namespace Ringfence.Server.ReadModels;

/// <summary>
/// Isolated positions, instruments and insurance funds as immutable views, published after every committed batch, so
/// that reading them never touches the engine thread. The host calls <see cref="Apply"/> on the engine thread after each batch is durable and before its
/// callers are acknowledged; only the positions the batch's events name are re-read from the engine (each costs what
/// one position costs). A view keeps what does not move with the mark (size, entry, collateral, liquidation and
/// bankruptcy prices — an isolated position's own), and a read revalues it at the instrument's published mark
/// (<see cref="PositionView.AtMark"/>), so a mark update re-publishes one instrument, not its positions. Cross and pod
/// positions, whose collateral moves with other marks, and accounts (whose cross figures do too) are not here: they
/// are read on the engine thread.
/// </summary>
public sealed class CommittedViews(TimeProvider clock)
{
    /// <summary>An instrument with at most this many positions is re-ranked on every batch that touches it; a larger one at most once a second.</summary>
    private const int RankEveryBatchUpTo = 10_000;

    private static readonly TimeSpan RankInterval = TimeSpan.FromSeconds(1);
    private readonly Dictionary<string, DateTimeOffset> _rankedAt = new(StringComparer.Ordinal);
    private volatile Published? _published;

    /// <summary>True once <see cref="Initialize"/> has run.</summary>
    public bool IsReady => _published is not null;

    /// <summary>Builds the model from the whole committed state (once, on the engine thread).</summary>
    public void Initialize(MarginEngine engine, long sequence)
    {
        ArgumentNullException.ThrowIfNull(engine);
        var queries = engine.Queries;
        var markets = queries.Markets().ToImmutableDictionary(m => m.Symbol, StringComparer.Ordinal);
        var ranks = markets.Keys.ToImmutableDictionary(s => s, s => queries.AdlRanks(s), StringComparer.Ordinal);
        var now = clock.GetUtcNow();
        foreach (var symbol in markets.Keys)
        {
            _rankedAt[symbol] = now;
        }

        var positions = queries.PositionKeys()
            .Where(k => k.Scope == MarginScope.Isolated)
            .ToImmutableDictionary(k => k, k => queries.Position(k)!);
        var accounts = queries.Accounts().ToImmutableDictionary(a => a.Id, a => a.Parent);
        var funds = markets.Keys.ToImmutableDictionary(s => s, queries.InsuranceFund, StringComparer.Ordinal);
        _published = new Published(sequence, positions, markets, ranks, accounts, funds);
    }

    /// <summary>Applies one committed batch (on the engine thread; see <see cref="Hosting.HostOptions.Committed"/>).</summary>
    public void Apply(MarginEngine engine, IReadOnlyList<Acknowledgement> batch)
    {
        ArgumentNullException.ThrowIfNull(engine);
        ArgumentNullException.ThrowIfNull(batch);
        if (_published is not { } published || batch.Count == 0)
        {
            return;
        }

        var touched = new HashSet<PositionKey>();
        var symbols = new HashSet<string>(StringComparer.Ordinal);
        var accounts = published.Accounts;
        foreach (var acknowledgement in batch)
        {
            if (!acknowledgement.Result.Accepted)
            {
                continue;
            }

            foreach (var @event in acknowledgement.Result.Events)
            {
                Collect(@event, touched, symbols);
                if (@event is AccountCreated created)
                {
                    accounts = accounts.SetItem(created.Account, created.Parent);
                }
            }
        }

        var queries = engine.Queries;
        var positions = published.Positions;
        foreach (var key in touched)
        {
            positions = queries.Position(key) is { } view ? positions.SetItem(key, view) : positions.Remove(key);
        }

        var markets = published.Markets;
        var ranks = published.Ranks;
        var funds = published.Funds;
        var now = clock.GetUtcNow();
        foreach (var symbol in symbols)
        {
            if (queries.Market(symbol) is not { } market)
            {
                continue;
            }

            markets = markets.SetItem(symbol, market);
            funds = funds.SetItem(symbol, queries.InsuranceFund(symbol));
            var last = _rankedAt.GetValueOrDefault(symbol, DateTimeOffset.MinValue);
            var count = ranks.TryGetValue(symbol, out var current) ? current.Count : 0;
            if (count <= RankEveryBatchUpTo || now - last >= RankInterval)
            {
                ranks = ranks.SetItem(symbol, queries.AdlRanks(symbol));
                _rankedAt[symbol] = now;
            }
        }

        _published = new Published(batch[^1].Sequence, positions, markets, ranks, accounts, funds);
    }

    /// <summary>
    /// The isolated position <paramref name="key"/> at its instrument's published mark, if the model holds it and
    /// <paramref name="maySee"/> allows its account (given the account and its parent); null otherwise — including for
    /// a position the model does not hold, which the caller then reads from the engine.
    /// </summary>
    public PositionView? Find(PositionKey key, Func<AccountId, AccountId?, bool> maySee)
    {
        ArgumentNullException.ThrowIfNull(maySee);
        if (_published is not { } published
            || !published.Positions.TryGetValue(key, out var view)
            || !published.Accounts.TryGetValue(key.Account, out var parent)
            || !maySee(key.Account, parent)
            || !published.Markets.TryGetValue(key.Symbol, out var market))
        {
            return null;
        }

        return view.AtMark(market) with { AdlRank = RankOf(key) };
    }

    /// <summary>
    /// The auto-deleveraging queue of <paramref name="symbol"/> as last published (empty before the model is built):
    /// re-ranked with every batch that touches the instrument while it has at most 10,000 positions, else at most once a
    /// second, since ranking sorts them all. Reads of any position, on any thread, take their rank from here.
    /// </summary>
    public IReadOnlyDictionary<PositionKey, int> Ranks(string symbol) =>
        _published is { } published && published.Ranks.TryGetValue(symbol, out var ranks) ? ranks : ImmutableDictionary<PositionKey, int>.Empty;

    /// <summary>The position's place in its instrument's published queue (0 when unranked).</summary>
    public int RankOf(PositionKey key) => Ranks(key.Symbol).GetValueOrDefault(key);

    /// <summary>Every instrument in symbol order, or null before the model is built.</summary>
    public IReadOnlyList<Market>? Markets() => _published is { } published ? [.. published.Markets.Values.OrderBy(m => m.Symbol, StringComparer.Ordinal)] : null;

    /// <summary>Whether the model is built, and then the instrument <paramref name="symbol"/> (null when not listed).</summary>
    public bool TryGetMarket(string symbol, out Market? market)
    {
        market = null;
        if (_published is not { } published)
        {
            return false;
        }

        market = published.Markets.GetValueOrDefault(symbol);
        return true;
    }

    /// <summary>Each instrument's insurance fund balance, or null before the model is built.</summary>
    public IReadOnlyDictionary<string, Core.Numerics.Money>? InsuranceFunds() => _published?.Funds;

    /// <summary>True when the model knows <paramref name="key"/> is not open (it holds every isolated position).</summary>
    public bool IsClosed(PositionKey key) => key.Scope == MarginScope.Isolated && _published is { } published && !published.Positions.ContainsKey(key);

    /// <summary>The sequence of the last batch applied.</summary>
    public long Sequence => _published?.Sequence ?? -1;

    // Every event that names an account and an instrument can change that account's isolated position there (trades,
    // margin, funding, top-ups, liquidation, deleveraging, a move into a pod); every event naming an instrument can
    // change its mark, index, funding or insurance fund, and so its ranking.
    private static void Collect(EngineEvent @event, HashSet<PositionKey> touched, HashSet<string> symbols)
    {
        if (EventSubjects.SymbolOf(@event) is not { } symbol)
        {
            return;
        }

        symbols.Add(symbol);
        foreach (var account in EventSubjects.AccountsOf(@event))
        {
            touched.Add(new PositionKey(account, symbol, MarginScope.Isolated));
        }
    }

    private sealed record Published(
        long Sequence,
        ImmutableDictionary<PositionKey, PositionView> Positions,
        ImmutableDictionary<string, Market> Markets,
        ImmutableDictionary<string, IReadOnlyDictionary<PositionKey, int>> Ranks,
        ImmutableDictionary<AccountId, AccountId?> Accounts,
        ImmutableDictionary<string, Core.Numerics.Money> Funds);
}
