using System.Runtime.InteropServices;
using Ringfence.Core.Accounts;
using Ringfence.Core.Ledger;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine;

/// <summary>
/// Everything the engine knows. Whatever is iterated to produce events or the state hash is ordered (or sorted when it
/// is listed), so that both are the same on every run and machine; positions and balances sit in dense slots
/// (<see cref="PositionTable"/>, <see cref="BalanceSheet"/>) whose numbering never leaves the engine. Every change
/// records its inverse in the undo log.
/// </summary>
internal sealed class EngineState
{
    // Hashed, like positions and balances; sorted when listed.
    private readonly Dictionary<AccountId, Account> _accounts = [];
    private readonly SortedDictionary<string, Market> _markets = new(StringComparer.Ordinal);
    // Slots, not ordered (lookups dominate); every enumeration of positions goes through an ordered lookup or
    // through Positions, which sorts.
    private readonly PositionTable _positions = new();
    private readonly Dictionary<string, SortedSet<PositionKey>> _positionsBySymbol = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<PositionKey>> _crossBySymbol = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SortedSet<PositionKey>> _podsBySymbol = new(StringComparer.Ordinal);
    // An account's cross and pod positions (an account holds a few: a sorted list is smaller and faster than a tree).
    // Isolated positions are never valued by account, so they are left out: an account of a thousand isolated
    // positions would otherwise be scanned on every check of what its free balance can pay.
    private readonly Dictionary<AccountId, List<PositionKey>> _sharedByAccount = [];
    private readonly SortedSet<PodKey> _pods = [];
    private readonly TouchedSlots _touched = new();
    private readonly SortedDictionary<string, List<InsuranceFundEntry>> _fundHistory = new(StringComparer.Ordinal);

    // Undo records of the two changes every trade makes, as values: a position put or removed (its slot and what was
    // there before, null for none), and a position re-indexed (its side and price before).
    private readonly ValueUndo<(int Slot, Position? Previous)> _positionUndo;
    private readonly ValueUndo<(int Slot, PositionSide Side, Price? Price)> _indexUndo;

    // A market replaced (every mark tick replaces one) or listed: its symbol and what was there before, null for none.
    private readonly ValueUndo<(string Symbol, Market? Previous)> _marketUndo;

    public EngineState(long idempotencyWindow = EngineOptions.DefaultIdempotencyWindow, bool boundCrossValuations = true)
    {
        CrossBounds = boundCrossValuations ? new CrossValuationBounds(Undo) : null;
        _positionUndo = new(Undo, RestorePosition);
        _marketUndo = new(Undo, replaced =>
        {
            if (replaced.Previous is { } previous)
            {
                _markets[replaced.Symbol] = previous;
            }
            else
            {
                _markets.Remove(replaced.Symbol);
            }
        });
        Index = new LiquidationSlotIndex(_positions.KeyAt);
        _indexUndo = new(Undo, replaced => Index.Set(replaced.Slot, _positions.KeyAt(replaced.Slot).Symbol, replaced.Side, replaced.Price));
        ClientIds = new ClientIdWindow(idempotencyWindow);
        Ledger = new BalanceSheet(Undo)
        {
            // An isolated position's margin account is tagged with the position's slot when the account is first
            // touched (its key read back from the owner text once), and the slot remembers the account's ledger slot:
            // after that, a change of collateral touches the position, and the engine reads its collateral, by slot.
            // The position need not exist: re-indexing treats a slot with no position as gone. (A free balance is tagged
            // when its cross account is first given valuation bands: BoundCrossAccount.)
            Tag = (account, ledgerSlot) =>
            {
                if (account.Kind != LedgerAccountKind.PositionMargin || !PositionKey.TryParse(account.Owner, out var key)
                    || key.Scope.Kind != MarginScopeKind.Isolated)
                {
                    return BalanceSheet.Untagged;
                }

                var slot = _positions.SlotOf(key);
                _positions.SetMarginSlot(slot, ledgerSlot);
                return slot;
            },
            Changed = tag =>
            {
                if (tag >= 0)
                {
                    _touched.Add(tag);
                }
                else
                {
                    CrossBounds?.Drop(ScopeOfTag(tag));
                }
            },
        };
    }

    /// <summary>
    /// Isolated positions by liquidation price, by position slot; derived state, rebuilt on restore, not part of the hash.
    /// </summary>
    public LiquidationSlotIndex Index { get; }

    /// <summary>
    /// Bands within which each cross account is proven healthy, so that a mark need not re-value it; null when the engine
    /// re-values every cross account on every mark (a test's reference). Derived state, like the index.
    /// </summary>
    public CrossValuationBounds? CrossBounds { get; }

    /// <summary>Insurance fund changes per instrument, oldest first.</summary>
    public IEnumerable<KeyValuePair<string, List<InsuranceFundEntry>>> FundHistory => _fundHistory;

    public UndoLog Undo { get; } = new();

    public BalanceSheet Ledger { get; }

    public DateTimeOffset? LastTime { get; private set; }

    /// <summary>The accounts in id order.</summary>
    public IReadOnlyList<Account> Accounts => Sorted(_accounts.Values, static (a, b) => a.Id.CompareTo(b.Id));

    public IEnumerable<Market> Markets => _markets.Values;

    /// <summary>The positions in key order.</summary>
    public IReadOnlyList<Position> Positions => Sorted(_positions.Open, static (a, b) => a.Key.CompareTo(b.Key));

    public IEnumerable<PodKey> Pods => _pods;

    /// <summary>Client ids of recent accepted commands and their outcomes.</summary>
    public ClientIdWindow ClientIds { get; }

    public bool TryGetAccount(AccountId id, out Account account) => _accounts.TryGetValue(id, out account!);

    public bool TryGetMarket(string symbol, out Market market) => _markets.TryGetValue(symbol, out market!);

    public bool TryGetPosition(PositionKey key, out Position position) => _positions.TryGet(key, out position);

    public bool HasPod(PodKey pod) => _pods.Contains(pod);

    /// <summary>The positions in one instrument, in key order (a copy: callers may change positions while iterating).</summary>
    public IReadOnlyList<Position> PositionsIn(string symbol) =>
        _positionsBySymbol.TryGetValue(symbol, out var keys) ? keys.Select(Open).ToList() : [];

    /// <summary>
    /// The cross accounts holding a position in one instrument, in order (a copy, so that liquidating them may change the
    /// positions): what a price move re-evaluates by account, without touching the isolated positions the index covers.
    /// The backstop is left out.
    /// </summary>
    public IReadOnlyList<AccountId> CrossAccountsIn(string symbol)
    {
        if (!_crossBySymbol.TryGetValue(symbol, out var keys) || keys.Count == 0)
        {
            return [];
        }

        // Keys in one instrument and scope sort by account: one key per account (one position per account, instrument
        // and scope).
        var accounts = new List<AccountId>(keys.Count);
        foreach (var key in keys)
        {
            if (key.Account != AccountId.Backstop)
            {
                accounts.Add(key.Account);
            }
        }

        return accounts;
    }

    /// <summary>How many cross accounts (the backstop left out) hold a position in one instrument.</summary>
    public int CrossAccountCountIn(string symbol)
    {
        if (!_crossBySymbol.TryGetValue(symbol, out var keys))
        {
            return 0;
        }

        return keys.Count - (keys.Contains(new PositionKey(AccountId.Backstop, symbol, MarginScope.Cross)) ? 1 : 0);
    }

    /// <summary>The pods holding a position in one instrument, in order (a copy). The backstop holds none.</summary>
    public IReadOnlyList<PodKey> PodsIn(string symbol) =>
        _podsBySymbol.TryGetValue(symbol, out var keys) && keys.Count > 0
            ? keys.Where(k => k.Account != AccountId.Backstop).Select(k => new PodKey(k.Account, k.Scope.Pod!)).ToList()
            : [];

    /// <summary>The positions of one account in its cross scope or one of its pods, in key order.</summary>
    /// <exception cref="ArgumentException"><paramref name="scope"/> is isolated: those are not looked up by account.</exception>
    public IReadOnlyList<Position> PositionsOf(AccountId account, MarginScope scope)
    {
        var positions = new List<Position>();
        foreach (var position in PositionsInScope(account, scope))
        {
            positions.Add(position);
        }

        return positions;
    }

    /// <summary>The positions of one account in its cross scope or one of its pods, read in place (see <see cref="ScopePositions"/>).</summary>
    public ScopePositions PositionsInScope(AccountId account, MarginScope scope) =>
        scope.Kind == MarginScopeKind.Isolated
            ? throw new ArgumentException("Isolated positions are not listed by account.", nameof(scope))
            : new(_positions, _sharedByAccount.GetValueOrDefault(account), scope);

    public void AddAccount(Account account)
    {
        _accounts.Add(account.Id, account);
        Undo.Record(() => _accounts.Remove(account.Id));
    }

    public void PutMarket(Market market)
    {
        var had = _markets.TryGetValue(market.Symbol, out var previous);
        if (had && (!ReferenceEquals(previous!.Instrument, market.Instrument) || !ReferenceEquals(previous.Profile, market.Profile)))
        {
            // New terms (tiers, contract, profile) value every cross position differently; a new mark does not.
            CrossBounds?.DropAll();
        }

        _markets[market.Symbol] = market;
        _marketUndo.Record((market.Symbol, had ? previous : null));
    }

    public void PutPosition(Position position)
    {
        var key = position.Key;
        var slot = _positions.SlotOf(key);
        var previous = _positions.At(slot);
        _positions.Set(slot, position);
        if (previous is null)
        {
            // A position that stays is in the lookups already: walking three ordered sets to learn that would be waste.
            AddToLookups(key);
        }

        _touched.Add(slot);
        DropCrossBands(key);
        _positionUndo.Record((slot, previous));
    }

    public void RemovePosition(PositionKey key)
    {
        var slot = _positions.SlotOf(key);
        var previous = _positions.At(slot) ?? throw new KeyNotFoundException($"No position {key}.");
        _positions.Set(slot, null);
        RemoveFromLookups(key);
        _touched.Add(slot);
        DropCrossBands(key);
        _positionUndo.Record((slot, previous));
    }

    /// <summary>
    /// Gives an account's cross positions in <paramref name="asset"/> the valuation bands they were just proven healthy
    /// in, or drops their bands (null: none could be proven). From the first band on, a change of the account's free
    /// balance in the asset drops them: the balance's ledger slot is tagged with the scope (made here if need be, so no
    /// free balance created later can escape the tag).
    /// </summary>
    public void BoundCrossAccount(AccountId account, Asset asset, (string Symbol, long Low, long High)[]? bands)
    {
        if (CrossBounds is null)
        {
            return;
        }

        var scope = CrossBounds.ScopeOf(account, asset);
        if (bands is null)
        {
            CrossBounds.Drop(scope);
            return;
        }

        Ledger.SetTag(FreeOf(account, asset), TagOfScope(scope));
        CrossBounds.Set(scope, bands);
    }

    /// <summary>A cross position changed: its account's valuation bands in the instrument's settle asset no longer hold.</summary>
    private void DropCrossBands(PositionKey key)
    {
        if (CrossBounds is not null && key.Scope.Kind == MarginScopeKind.Cross && _markets.TryGetValue(key.Symbol, out var market)
            && CrossBounds.TryScopeOf(key.Account, market.SettleAsset, out var scope))
        {
            CrossBounds.Drop(scope);
        }
    }

    // Ledger tags: a position slot as itself (0 and up), a cross valuation scope as −2 − scope (−1 is untagged).
    private static int TagOfScope(int scope) => -2 - scope;

    private static int ScopeOfTag(int tag) => -2 - tag;

    /// <summary>Puts back what a put or a removal replaced: the previous position, or no position at all.</summary>
    private void RestorePosition((int Slot, Position? Previous) replaced)
    {
        var (slot, previous) = replaced;
        var present = _positions.At(slot) is not null;
        _positions.Set(slot, previous);
        if (previous is null)
        {
            RemoveFromLookups(_positions.KeyAt(slot));
        }
        else if (!present)
        {
            AddToLookups(previous.Key);
        }
    }

    /// <summary>
    /// The ledger slot of an isolated position's margin account in <paramref name="asset"/>, by the position's slot once
    /// the account exists (a hash lookup of the key, none of the account's owner text).
    /// </summary>
    public LedgerSlot MarginOf(PositionKey key, Asset asset)
    {
        var slot = _positions.SlotOf(key);
        return _positions.MarginSlot(slot) is { } margin && Ledger.AccountAt(margin).Asset == asset
            ? margin
            : Ledger.SlotOf(LedgerAccount.PositionMargin(key, asset));
    }

    /// <summary>The ledger slot holding a position's collateral (<see cref="Valuation.CollateralAccount"/>).</summary>
    public LedgerSlot CollateralOf(PositionKey key, Market market) =>
        key.Scope.Kind == MarginScopeKind.Isolated && key.Account != AccountId.Backstop
            ? MarginOf(key, market.SettleAsset)
            : Ledger.SlotOf(Valuation.CollateralAccount(key, market));

    public void AddPod(PodKey pod)
    {
        _pods.Add(pod);
        Undo.Record(() => _pods.Remove(pod));
    }

    public void SetLastTime(DateTimeOffset? time)
    {
        var previous = LastTime;
        LastTime = time;
        Undo.Record(() => LastTime = previous);
    }

    /// <summary>Records an insurance fund change in the fund's history.</summary>
    public void RecordFundChange(string symbol, InsuranceFundEntry entry)
    {
        if (!_fundHistory.TryGetValue(symbol, out var history))
        {
            history = [];
            _fundHistory.Add(symbol, history);
            Undo.Record(() => _fundHistory.Remove(symbol));
        }

        history.Add(entry);
        Undo.Record(() => history.RemoveAt(history.Count - 1));
    }

    /// <summary>
    /// Brings the liquidation index up to date for every position the command in progress touched (changed, or whose
    /// collateral moved), with undo records so that a rollback restores the index too.
    /// </summary>
    public void RefreshIndex(Func<Position, Price?> liquidationPrice)
    {
        // By index: a foreach over the read-only list would box its enumerator on every command.
        var slots = _touched.Slots;
        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            var key = _positions.KeyAt(slot);
            var position = _positions.At(slot);
            var previous = Index.PriceOf(slot);
            var previousSide = position?.Side ?? PositionSide.Long;
            var next = position is not null && key.Scope.Kind == MarginScopeKind.Isolated ? liquidationPrice(position) : null;
            if (previous == next && (next is null || Index.SideOf(slot) == position!.Side))
            {
                continue;
            }

            var previousIndexedSide = Index.SideOf(slot) ?? previousSide;
            Index.Set(slot, key.Symbol, position?.Side ?? previousSide, next);
            _indexUndo.Record((slot, previousIndexedSide, previous));
        }

        _touched.Clear();
    }

    /// <summary>Forgets touched positions without indexing them (the command was rolled back).</summary>
    public void ForgetTouched() => _touched.Clear();

    /// <summary>The ledger slot of an account's free balance in an asset.</summary>
    public LedgerSlot FreeOf(AccountId account, Asset asset) => Ledger.SlotOf(LedgerAccount.Free(account, asset));

    /// <summary>The free balance of an account in an asset.</summary>
    public Money Free(AccountId account, Asset asset) => Ledger.Balance(LedgerAccount.Free(account, asset));

    /// <summary>Adds a key to the lookups: by account, by instrument, and the cross and pod ones by instrument.</summary>
    private void AddToLookups(PositionKey key)
    {
        GetOrAdd(_positionsBySymbol, key.Symbol).Add(key);
        if (key.Scope.Kind != MarginScopeKind.Isolated)
        {
            InsertSorted(SharedBy(key.Account), key);
            GetOrAdd(key.Scope.Kind == MarginScopeKind.Cross ? _crossBySymbol : _podsBySymbol, key.Symbol).Add(key);
        }
    }

    private void RemoveFromLookups(PositionKey key)
    {
        GetOrAdd(_positionsBySymbol, key.Symbol).Remove(key);
        if (key.Scope.Kind != MarginScopeKind.Isolated)
        {
            var shared = _sharedByAccount[key.Account];
            shared.RemoveAt(shared.BinarySearch(key));
            GetOrAdd(key.Scope.Kind == MarginScopeKind.Cross ? _crossBySymbol : _podsBySymbol, key.Symbol).Remove(key);
        }
    }

    /// <summary>
    /// Loads <paramref name="snapshot"/> into this empty state in bulk: no undo records and no touched set, every
    /// collection filled straight from the snapshot's lists, ordered ones built by one sort, and the liquidation index
    /// from every isolated position's price (<paramref name="liquidationPrice"/>) at once.
    /// </summary>
    public void Load(EngineSnapshot snapshot, Func<Position, Price?> liquidationPrice)
    {
        if (_accounts.Count > 0 || _positions.SlotCount > 0 || _markets.Count > 0)
        {
            throw new InvalidOperationException("A snapshot loads into an empty state only.");
        }

        _accounts.EnsureCapacity(snapshot.Accounts.Count);
        foreach (var account in snapshot.Accounts)
        {
            _accounts.Add(account.Id, account);
        }

        foreach (var market in snapshot.Markets)
        {
            _markets.Add(market.Symbol, market);
        }

        _positions.EnsureCapacity(snapshot.Positions.Count);
        var bySymbol = new Dictionary<string, List<PositionKey>>(StringComparer.Ordinal);
        var crossBySymbol = new Dictionary<string, List<PositionKey>>(StringComparer.Ordinal);
        var podsBySymbol = new Dictionary<string, List<PositionKey>>(StringComparer.Ordinal);
        foreach (var position in snapshot.Positions)
        {
            var key = position.Key;
            var slot = _positions.SlotOf(key);
            if (_positions.At(slot) is not null)
            {
                throw new InvalidOperationException($"The snapshot holds position {key} twice.");
            }

            _positions.Set(slot, position);
            GetOrAdd(bySymbol, key.Symbol).Add(key);
            if (key.Scope.Kind != MarginScopeKind.Isolated)
            {
                InsertSorted(SharedBy(key.Account), key);
                GetOrAdd(key.Scope.Kind == MarginScopeKind.Cross ? crossBySymbol : podsBySymbol, key.Symbol).Add(key);
            }
        }

        foreach (var (symbol, keys) in bySymbol)
        {
            _positionsBySymbol.Add(symbol, new SortedSet<PositionKey>(keys));
        }

        foreach (var (symbol, keys) in crossBySymbol)
        {
            _crossBySymbol.Add(symbol, new SortedSet<PositionKey>(keys));
        }

        foreach (var (symbol, keys) in podsBySymbol)
        {
            _podsBySymbol.Add(symbol, new SortedSet<PositionKey>(keys));
        }

        foreach (var pod in snapshot.Pods)
        {
            _pods.Add(pod);
        }

        Ledger.Load(snapshot.Balances, snapshot.Flows);
        ClientIds.Restore(snapshot.Outcomes);
        foreach (var (symbol, history) in snapshot.InsuranceFundHistory)
        {
            _fundHistory.Add(symbol, [.. history]);
        }

        LastTime = snapshot.LastTime;

        // Every liquidation price first, then the index in one go: the prices are independent of one another.
        var entries = new List<(int Slot, string Symbol, PositionSide Side, Price Price)>(snapshot.Positions.Count);
        for (var slot = 0; slot < _positions.SlotCount; slot++)
        {
            if (_positions.At(slot) is { Key.Scope.Kind: MarginScopeKind.Isolated } position && liquidationPrice(position) is { } price)
            {
                entries.Add((slot, position.Key.Symbol, position.Side, price));
            }
        }

        Index.Load(entries);
    }

    /// <summary>The open position under <paramref name="key"/>, which a lookup has just listed.</summary>
    private Position Open(PositionKey key) =>
        _positions.TryGet(key, out var position) ? position : throw new KeyNotFoundException($"No position {key}.");

    /// <summary>The items sorted by <paramref name="order"/>, into an array (one sort, no intermediate lists).</summary>
    private static T[] Sorted<T>(IEnumerable<T> items, Comparison<T> order)
    {
        var array = items.ToArray();
        Array.Sort(array, order);
        return array;
    }

    private static void InsertSorted(List<PositionKey> keys, PositionKey key)
    {
        var at = keys.BinarySearch(key);
        if (at < 0)
        {
            keys.Insert(~at, key);
        }
    }

    /// <summary>The sorted keys of an account's cross and pod positions, made (for one position: most accounts hold one) when absent.</summary>
    private List<PositionKey> SharedBy(AccountId account)
    {
        ref var owned = ref CollectionsMarshal.GetValueRefOrAddDefault(_sharedByAccount, account, out _);
        return owned ??= new List<PositionKey>(1);
    }

    /// <summary>The collection under <paramref name="key"/>, made empty when absent.</summary>
    private static TValue GetOrAdd<TKey, TValue>(Dictionary<TKey, TValue> map, TKey key)
        where TKey : notnull
        where TValue : class, new()
    {
        ref var value = ref CollectionsMarshal.GetValueRefOrAddDefault(map, key, out _);
        return value ??= new TValue();
    }
}
