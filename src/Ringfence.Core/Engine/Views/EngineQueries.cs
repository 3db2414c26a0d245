using Ringfence.Core.Accounts;
using Ringfence.Core.Ledger;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Views;

/// <summary>
/// Reads of single items of the state, each costing about what the item costs, not what the whole state does (which is
/// what <see cref="MarginEngine.View"/> costs): for a server answering one request at a time. Every result is immutable
/// data. Like the engine, not thread-safe: call between commands on the engine's thread.
/// </summary>
public sealed class EngineQueries
{
    private readonly EngineState _state;
    private readonly Valuation _valuation;

    internal EngineQueries(EngineState state, Valuation valuation)
    {
        _state = state;
        _valuation = valuation;
    }

    /// <summary>Every asset money was ever deposited in, in order (no other asset can hold a balance).</summary>
    public IReadOnlyList<Asset> Assets() => _state.Ledger.Flows.Select(f => f.Key).ToList();

    /// <summary>Every account in id order.</summary>
    public IReadOnlyList<Account> Accounts() => _state.Accounts;

    /// <summary>The account with <paramref name="id"/>, or null.</summary>
    public Account? Account(AccountId id) => _state.TryGetAccount(id, out var account) ? account : null;

    /// <summary>The account's free balance in each asset it has held money in.</summary>
    public AccountView? AccountBalances(AccountId id)
    {
        if (!_state.TryGetAccount(id, out var account))
        {
            return null;
        }

        var balances = new SortedDictionary<Asset, Money>();
        foreach (var asset in Assets())
        {
            var balance = _state.Free(id, asset);
            if (balance != Money.Zero)
            {
                balances[asset] = balance;
            }
        }

        return new AccountView(account.Id, account.Parent, balances);
    }

    /// <summary>The account's cross-margin figures in <paramref name="asset"/>.</summary>
    public ScopeView Cross(AccountId id, Asset asset)
    {
        var figures = _valuation.Cross(id, asset);
        return new ScopeView(asset, figures.Collateral, figures.UnrealizedPnl, figures.Equity, figures.Initial, figures.Maintenance, _valuation.Available(id, asset));
    }

    /// <summary>Every instrument, in symbol order.</summary>
    public IReadOnlyList<Market> Markets() => _state.Markets.OrderBy(m => m.Symbol, StringComparer.Ordinal).ToList();

    /// <summary>The instrument <paramref name="symbol"/>, or null.</summary>
    public Market? Market(string symbol) => _state.TryGetMarket(symbol, out var market) ? market : null;

    /// <summary>The insurance fund of <paramref name="symbol"/>'s instrument (zero for an unknown one).</summary>
    public Money InsuranceFund(string symbol) =>
        _state.TryGetMarket(symbol, out var market) ? _state.Ledger.Balance(LedgerAccount.InsuranceFund(symbol, market.SettleAsset)) : Money.Zero;

    /// <summary>The position with <paramref name="key"/> as users see it, with <paramref name="adlRank"/>; null when there is none.</summary>
    public PositionView? Position(PositionKey key, int adlRank = 0) =>
        _state.TryGetPosition(key, out var position) ? EngineViewBuilder.Position(_valuation, position, adlRank) : null;

    /// <summary>The keys of the account's open positions (every scope), in key order.</summary>
    public IReadOnlyList<PositionKey> PositionKeysOf(AccountId account)
    {
        var keys = new List<PositionKey>();
        foreach (var market in _state.Markets)
        {
            if (_state.TryGetPosition(new PositionKey(account, market.Symbol, MarginScope.Isolated), out _))
            {
                keys.Add(new PositionKey(account, market.Symbol, MarginScope.Isolated));
            }
        }

        foreach (var position in _state.PositionsInScope(account, MarginScope.Cross))
        {
            keys.Add(position.Key);
        }

        foreach (var pod in PodsOf(account))
        {
            foreach (var position in _state.PositionsInScope(account, MarginScope.InPod(pod.Name)))
            {
                keys.Add(position.Key);
            }
        }

        keys.Sort();
        return keys;
    }

    /// <summary>Every open position's key, in key order (costs a sort of the book: for operators, not for every request).</summary>
    public IReadOnlyList<PositionKey> PositionKeys() => _state.Positions.Select(p => p.Key).ToList();

    /// <summary>The keys of <paramref name="symbol"/>'s open positions, in key order.</summary>
    public IReadOnlyList<PositionKey> PositionKeysIn(string symbol) =>
        _state.PositionsIn(symbol).Select(p => p.Key).Order().ToList();

    /// <summary>
    /// The auto-deleveraging queue of <paramref name="symbol"/>: each position's place among those on its side (1 =
    /// deleveraged first). Costs a sort of the instrument's positions.
    /// </summary>
    public IReadOnlyDictionary<PositionKey, int> AdlRanks(string symbol) =>
        EngineViewBuilder.AdlRanks(_valuation, _state.PositionsIn(symbol));

    /// <summary>The most collateral that may leave the isolated position now (zero when none may, or it is not isolated).</summary>
    public Money MaxRemovableMargin(PositionKey key)
    {
        if (key.Scope != MarginScope.Isolated || !_state.TryGetPosition(key, out var position))
        {
            return Money.Zero;
        }

        var market = _valuation.MarketOf(position);
        return market.Model.MaxRemovableMargin(_valuation.Isolated(position, market), Valuation.MarkFor(market, position), position.Leverage);
    }

    /// <summary>The account's pods, in name order.</summary>
    public IReadOnlyList<PodKey> PodsOf(AccountId account) =>
        _state.Pods.Where(p => p.Account == account).Order().ToList();

    /// <summary>Every pod, in key order.</summary>
    public IReadOnlyList<PodKey> Pods() => _state.Pods.Order().ToList();

    /// <summary>The pod's figures, or null when there is no such pod.</summary>
    public PodView? Pod(PodKey pod) => _state.HasPod(pod) ? EngineViewBuilder.Pod(_state, _valuation, Assets(), pod) : null;
}
