using System.Runtime.InteropServices;
using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Ledger;

/// <summary>
/// The double-entry ledger: every balance change is a transfer between two ledger accounts, except deposits and
/// withdrawals, which are counted per asset so that conservation can be audited after every command.
/// </summary>
/// <remarks>
/// Balances are a column of <see cref="long"/> units indexed by <see cref="LedgerSlot"/>: a ledger account is mapped to
/// its slot once (one hash lookup), and a caller that keeps the slot — the engine does for every isolated position's
/// margin account — reads and moves its balance with no lookup at all. A slot outlives a zero balance (its account may
/// be funded again) and is never reused, so the column grows to the number of distinct accounts ever touched; only
/// non-zero balances are listed, hashed and snapshotted, so a restore starts compact.
/// </remarks>
internal sealed class BalanceSheet
{
    /// <summary>The tag of a ledger account whose changes nobody is told of.</summary>
    public const int Untagged = -1;

    private readonly Dictionary<LedgerAccount, int> _slots = [];
    private LedgerAccount[] _accounts = new LedgerAccount[64];
    private long[] _units = new long[64];
    private int[] _tags = new int[64];
    private int _count;

    private readonly SortedDictionary<Asset, (Money Deposits, Money Withdrawals)> _flows = [];
    private readonly UndoLog _undo;
    private readonly List<Posting> _postings = [];

    // A balance's undo record is a value: its slot and its units before.
    private readonly ValueUndo<(int Slot, long Previous)> _previous;

    public BalanceSheet(UndoLog undo)
    {
        _undo = undo;
        _previous = new(undo, replaced => _units[replaced.Slot] = replaced.Previous);
    }

    /// <summary>
    /// Gives each new ledger account a tag, once, when its slot (the second argument) is made: any tag but
    /// <see cref="Untagged"/> means its balance changes are reported to <see cref="Changed"/> (the engine tags an
    /// isolated position's margin account with the position's slot, so that a change of collateral re-indexes the
    /// position without reading the owner text back, and a free balance with its cross account's valuation scope).
    /// </summary>
    public Func<LedgerAccount, LedgerSlot, int>? Tag { get; init; }

    /// <summary>Called with the tag of every tagged ledger account whose balance changes.</summary>
    public Action<int>? Changed { get; init; }

    /// <summary>A copy of the command's postings, for its result (the list itself is reused by the next command).</summary>
    public Posting[] CopyPostings() => _postings.ToArray();

    /// <summary>Every non-zero balance, in a stable order.</summary>
    public IReadOnlyList<KeyValuePair<LedgerAccount, Money>> Balances
    {
        get
        {
            var balances = new List<KeyValuePair<LedgerAccount, Money>>(_count);
            for (var slot = 0; slot < _count; slot++)
            {
                if (_units[slot] != 0)
                {
                    balances.Add(new(_accounts[slot], Money.FromUnits(_units[slot])));
                }
            }

            var sorted = balances.ToArray();
            Array.Sort(sorted, static (a, b) => a.Key.CompareTo(b.Key));
            return sorted;
        }
    }

    /// <summary>Deposits and withdrawals per asset, in a stable order.</summary>
    public IEnumerable<KeyValuePair<Asset, (Money Deposits, Money Withdrawals)>> Flows => _flows;

    /// <summary>The balance of <paramref name="account"/> (zero for an account never touched; no slot is made).</summary>
    public Money Balance(LedgerAccount account) =>
        _slots.TryGetValue(account, out var slot) ? Money.FromUnits(_units[slot]) : Money.Zero;

    /// <summary>The balance in <paramref name="slot"/>.</summary>
    public Money Balance(LedgerSlot slot) => Money.FromUnits(_units[slot.Value]);

    /// <summary>The ledger account in <paramref name="slot"/>.</summary>
    public LedgerAccount AccountAt(LedgerSlot slot) => _accounts[slot.Value];

    /// <summary>The slot of <paramref name="account"/>, made (with a zero balance) the first time the account is asked for.</summary>
    public LedgerSlot SlotOf(LedgerAccount account)
    {
        ref var slot = ref CollectionsMarshal.GetValueRefOrAddDefault(_slots, account, out var exists);
        if (!exists)
        {
            slot = Add(account);
        }

        return new LedgerSlot(slot);
    }

    /// <summary>
    /// Tags an existing slot after the fact (see <see cref="Tag"/>): for owners that start to care about an account's
    /// changes after it was made.
    /// </summary>
    public void SetTag(LedgerSlot slot, int tag) => _tags[slot.Value] = tag;

    /// <summary>Starts a command: forgets the previous command's postings.</summary>
    public void BeginCommand() => _postings.Clear();

    /// <summary>Moves <paramref name="amount"/> (zero or positive) between two accounts of the same asset.</summary>
    /// <exception cref="InsufficientBalanceException">The source may not go negative and holds less.</exception>
    public void Transfer(LedgerAccount from, LedgerAccount to, Money amount) => Transfer(SlotOf(from), SlotOf(to), amount);

    /// <summary>Moves <paramref name="amount"/> (zero or positive) between two slots holding the same asset.</summary>
    /// <exception cref="InsufficientBalanceException">The source may not go negative and holds less.</exception>
    public void Transfer(LedgerSlot from, LedgerSlot to, Money amount)
    {
        if (amount.IsNegative || _accounts[from.Value].Asset != _accounts[to.Value].Asset)
        {
            throw new InvalidOperationException($"Invalid transfer of {amount} from {_accounts[from.Value]} to {_accounts[to.Value]}.");
        }

        if (amount == Money.Zero || from == to)
        {
            return;
        }

        Debit(from.Value, amount);
        Credit(to.Value, amount);
        _postings.Add(new Posting(_accounts[from.Value], _accounts[to.Value], amount));
    }

    /// <summary>Money enters the venue.</summary>
    public void Deposit(LedgerAccount to, Money amount)
    {
        Credit(SlotOf(to).Value, amount);
        ChangeFlows(to.Asset, amount, Money.Zero);
        _postings.Add(new Posting(null, to, amount));
    }

    /// <summary>Money leaves the venue.</summary>
    public void Withdraw(LedgerAccount from, Money amount)
    {
        Debit(SlotOf(from).Value, amount);
        ChangeFlows(from.Asset, Money.Zero, amount);
        _postings.Add(new Posting(from, null, amount));
    }

    /// <summary>Per-asset totals: deposits, withdrawals and the sum of every balance.</summary>
    public IReadOnlyList<AssetAudit> Audit()
    {
        var totals = new SortedDictionary<Asset, Money>();
        for (var slot = 0; slot < _count; slot++)
        {
            var asset = _accounts[slot].Asset;
            totals[asset] = totals.GetValueOrDefault(asset) + Money.FromUnits(_units[slot]);
        }

        var assets = new SortedSet<Asset>(totals.Keys.Concat(_flows.Keys));
        return assets.Select(a =>
        {
            var (deposits, withdrawals) = _flows.GetValueOrDefault(a);
            return new AssetAudit(a, deposits, withdrawals, totals.GetValueOrDefault(a));
        }).ToList();
    }

    /// <summary>Fills this empty sheet with a snapshot's balances and flows, without undo records.</summary>
    public void Load(IReadOnlyCollection<KeyValuePair<LedgerAccount, Money>> balances, IEnumerable<Engine.AssetFlows> flows)
    {
        if (_count > 0)
        {
            throw new InvalidOperationException("A snapshot loads into an empty ledger only.");
        }

        _slots.EnsureCapacity(balances.Count);
        Grow(balances.Count);
        foreach (var (account, balance) in balances)
        {
            _units[SlotOf(account).Value] = balance.Units;
        }

        foreach (var flow in flows)
        {
            _flows[flow.Asset] = (flow.Deposits, flow.Withdrawals);
        }
    }

    private int Add(LedgerAccount account)
    {
        Grow(_count + 1);
        var slot = _count++;
        _accounts[slot] = account;
        _units[slot] = 0;
        _tags[slot] = Tag?.Invoke(account, new LedgerSlot(slot)) ?? Untagged;
        return slot;
    }

    private void Grow(int needed) => Engine.SlotColumns.Grow(needed, ref _units, ref _accounts, ref _tags);

    private void Debit(int slot, Money amount)
    {
        var balance = _units[slot];
        if (!_accounts[slot].MayGoNegative && balance < amount.Units)
        {
            throw new InsufficientBalanceException(_accounts[slot], Money.FromUnits(balance), amount);
        }

        SetBalance(slot, (Money.FromUnits(balance) - amount).Units);
    }

    private void Credit(int slot, Money amount) => SetBalance(slot, (Money.FromUnits(_units[slot]) + amount).Units);

    private void SetBalance(int slot, long units)
    {
        if (_tags[slot] != Untagged)
        {
            Changed?.Invoke(_tags[slot]);
        }

        _previous.Record((slot, _units[slot]));
        _units[slot] = units;
    }

    private void ChangeFlows(Asset asset, Money deposited, Money withdrawn)
    {
        var had = _flows.TryGetValue(asset, out var previous);
        _flows[asset] = (previous.Deposits + deposited, previous.Withdrawals + withdrawn);
        _undo.Record(() =>
        {
            if (had)
            {
                _flows[asset] = previous;
            }
            else
            {
                _flows.Remove(asset);
            }
        });
    }
}
