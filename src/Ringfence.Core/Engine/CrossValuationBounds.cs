using System.Runtime.InteropServices;
using Ringfence.Core.Accounts;
using Ringfence.Core.Ledger;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine;

/// <summary>
/// Price bands within which a cross account is proven not liquidatable, so that a mark update need not re-value it.
/// When a mark re-values a cross account (an account and a settle asset), the engine looks for a band around the
/// current mark of each instrument the account holds such that the account's worst case — its free balance plus, per
/// position, the lower of its PnL at the band's two ends less the higher of its maintenance there — stays above zero;
/// PnL and maintenance are each monotone in the mark (linear and inverse contracts, tiered rates that never fall), so
/// wherever the marks go inside their bands the account's equity stays above its maintenance. Until a mark leaves its
/// band, or the account's collateral or positions change (which drops the band), re-valuing it would find it healthy
/// and do nothing — skipping it changes no event. Bands are kept per instrument in two <see cref="PriceLadder"/>s
/// (lows and highs), so a quiet tick learns that no band was left from the two extremes, and whether every cross account
/// in the instrument has a band from a count.
/// </summary>
/// <remarks>
/// Derived state, like the liquidation index: not in snapshots nor in the hash, empty after a restore (every account
/// is re-valued on its first tick). A band set by a command that is rolled back is dropped with it (an undo record).
/// </remarks>
internal sealed class CrossValuationBounds
{
    private readonly Dictionary<(AccountId Account, Asset Asset), int> _scopes = [];
    private readonly List<(string Symbol, long Low, long High)[]?> _bands = [];
    private readonly Dictionary<string, Side> _sides = new(StringComparer.Ordinal);

    // Undoing a band's setting drops it: it was computed from a state the rollback takes away. (What it replaced is not
    // put back: an account without a band is merely re-valued.)
    private readonly ValueUndo<int> _setUndo;

    public CrossValuationBounds(UndoLog undo) => _setUndo = new(undo, Drop);

    /// <summary>The scope number of an account's cross positions settling in <paramref name="asset"/>, made when absent.</summary>
    public int ScopeOf(AccountId account, Asset asset)
    {
        ref var scope = ref CollectionsMarshal.GetValueRefOrAddDefault(_scopes, (account, asset), out var exists);
        if (!exists)
        {
            scope = _bands.Count;
            _bands.Add(null);
        }

        return scope;
    }

    /// <summary>The scope number of an account's cross positions in <paramref name="asset"/>, if one was made.</summary>
    public bool TryScopeOf(AccountId account, Asset asset, out int scope) => _scopes.TryGetValue((account, asset), out scope);

    /// <summary>
    /// True when a mark of <paramref name="mark"/> in <paramref name="symbol"/> can liquidate no cross account: each of
    /// the <paramref name="crossScopes"/> cross accounts holding the instrument has a band, and the mark is inside all.
    /// </summary>
    public bool IsQuiet(string symbol, Price mark, int crossScopes)
    {
        if (!_sides.TryGetValue(symbol, out var side))
        {
            return crossScopes == 0;
        }

        return side.Bounded == crossScopes
            && (side.Lows.Count == 0 || side.Lows.Max <= mark.Units)
            && (side.Highs.Count == 0 || side.Highs.Min >= mark.Units);
    }

    /// <summary>
    /// True when the account's cross positions in <paramref name="asset"/> have a band in <paramref name="symbol"/> and
    /// <paramref name="mark"/> is inside it.
    /// </summary>
    public bool Covers(AccountId account, Asset asset, string symbol, Price mark)
    {
        if (!TryScopeOf(account, asset, out var scope) || _bands[scope] is not { } bands)
        {
            return false;
        }

        foreach (var (bandSymbol, low, high) in bands)
        {
            if (bandSymbol == symbol)
            {
                return low <= mark.Units && mark.Units <= high;
            }
        }

        return false;
    }

    /// <summary>Gives the scope its bands (one per instrument it holds), in place of any it had.</summary>
    public void Set(int scope, (string Symbol, long Low, long High)[] bands)
    {
        Drop(scope);
        _bands[scope] = bands;
        foreach (var (symbol, low, high) in bands)
        {
            var side = SideOf(symbol);
            side.Lows.Add(low, scope);
            side.Highs.Add(high, scope);
            side.Bounded++;
        }

        _setUndo.Record(scope);
    }

    /// <summary>Drops the scope's bands: its collateral or positions changed.</summary>
    public void Drop(int scope)
    {
        if (_bands[scope] is not { } bands)
        {
            return;
        }

        foreach (var (symbol, low, high) in bands)
        {
            var side = _sides[symbol];
            side.Lows.Remove(low, scope);
            side.Highs.Remove(high, scope);
            side.Bounded--;
        }

        _bands[scope] = null;
    }

    /// <summary>Drops every band (an instrument's terms changed).</summary>
    public void DropAll()
    {
        for (var scope = 0; scope < _bands.Count; scope++)
        {
            _bands[scope] = null;
        }

        _sides.Clear();
    }

    private Side SideOf(string symbol)
    {
        if (!_sides.TryGetValue(symbol, out var side))
        {
            side = new Side();
            _sides.Add(symbol, side);
        }

        return side;
    }

    /// <summary>One instrument's bands: their lows, their highs and how many scopes have one.</summary>
    private sealed class Side
    {
        public PriceLadder Lows { get; } = new();

        public PriceLadder Highs { get; } = new();

        public int Bounded { get; set; }
    }
}
