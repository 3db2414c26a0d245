using Ringfence.Core.Accounts;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Ledger;

/// <summary>
/// The double-entry ledger: every balance change is a transfer between two ledger accounts, except deposits and
/// withdrawals, which are counted per asset so that conservation can be audited after every command.
/// </summary>
internal sealed class BalanceSheet
{
    // Hashed, not ordered: a lookup is one hash and one comparison instead of a walk down a tree of string
    // comparisons; the canonical order is made where it is needed, when the balances are listed.
    private readonly Dictionary<LedgerAccount, Money> _balances = [];
    private readonly SortedDictionary<Asset, (Money Deposits, Money Withdrawals)> _flows = [];
    private readonly UndoLog _undo;
    private readonly List<Posting> _postings = [];

    // A balance's undo record is a value: the account, its balance before and whether it had one.
    private readonly ValueUndo<(LedgerAccount Account, Money Previous, bool Had)> _previous;

    public BalanceSheet(UndoLog undo)
    {
        _undo = undo;
        _previous = new(undo, Restore);
    }

    /// <summary>Called with every ledger account whose balance changes (the engine re-indexes positions from it).</summary>
    public Action<LedgerAccount>? Changed { get; set; }

    /// <summary>Postings made by the command in progress.</summary>
    public IReadOnlyList<Posting> Postings => _postings;

    /// <summary>Every non-zero balance, in a stable order.</summary>
    public IReadOnlyList<KeyValuePair<LedgerAccount, Money>> Balances
    {
        get
        {
            var balances = _balances.ToArray();
            Array.Sort(balances, static (a, b) => a.Key.CompareTo(b.Key));
            return balances;
        }
    }

    /// <summary>Deposits and withdrawals per asset, in a stable order.</summary>
    public IEnumerable<KeyValuePair<Asset, (Money Deposits, Money Withdrawals)>> Flows => _flows;

    public Money Balance(LedgerAccount account) => _balances.GetValueOrDefault(account);

    /// <summary>Starts a command: forgets the previous command's postings.</summary>
    public void BeginCommand() => _postings.Clear();

    /// <summary>Moves <paramref name="amount"/> (zero or positive) between two accounts of the same asset.</summary>
    /// <exception cref="InsufficientBalanceException">The source may not go negative and holds less.</exception>
    public void Transfer(LedgerAccount from, LedgerAccount to, Money amount)
    {
        if (amount.IsNegative || from.Asset != to.Asset)
        {
            throw new InvalidOperationException($"Invalid transfer of {amount} from {from} to {to}.");
        }

        if (amount == Money.Zero || from == to)
        {
            return;
        }

        Debit(from, amount);
        Credit(to, amount);
        _postings.Add(new Posting(from, to, amount));
    }

    /// <summary>Money enters the venue.</summary>
    public void Deposit(LedgerAccount to, Money amount)
    {
        Credit(to, amount);
        ChangeFlows(to.Asset, amount, Money.Zero);
        _postings.Add(new Posting(null, to, amount));
    }

    /// <summary>Money leaves the venue.</summary>
    public void Withdraw(LedgerAccount from, Money amount)
    {
        Debit(from, amount);
        ChangeFlows(from.Asset, Money.Zero, amount);
        _postings.Add(new Posting(from, null, amount));
    }

    /// <summary>Per-asset totals: deposits, withdrawals and the sum of every balance.</summary>
    public IReadOnlyList<AssetAudit> Audit()
    {
        var totals = new SortedDictionary<Asset, Money>();
        foreach (var (account, balance) in _balances)
        {
            totals[account.Asset] = totals.GetValueOrDefault(account.Asset) + balance;
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
        _balances.EnsureCapacity(balances.Count);
        foreach (var (account, balance) in balances)
        {
            _balances[account] = balance;
        }

        foreach (var flow in flows)
        {
            _flows[flow.Asset] = (flow.Deposits, flow.Withdrawals);
        }
    }

    private void Debit(LedgerAccount account, Money amount)
    {
        var had = _balances.TryGetValue(account, out var balance);
        if (!account.MayGoNegative && balance < amount)
        {
            throw new InsufficientBalanceException(account, balance, amount);
        }

        SetBalance(account, had, balance, balance - amount);
    }

    private void Credit(LedgerAccount account, Money amount)
    {
        var had = _balances.TryGetValue(account, out var balance);
        SetBalance(account, had, balance, balance + amount);
    }

    private void SetBalance(LedgerAccount account, bool had, Money previous, Money balance)
    {
        Changed?.Invoke(account);
        if (balance == Money.Zero)
        {
            if (had)
            {
                _balances.Remove(account);
            }
        }
        else
        {
            _balances[account] = balance;
        }

        _previous.Record((account, previous, had));
    }

    private void Restore((LedgerAccount Account, Money Previous, bool Had) replaced)
    {
        var (account, previous, had) = replaced;
        if (had)
        {
            _balances[account] = previous;
        }
        else
        {
            _balances.Remove(account);
        }
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
