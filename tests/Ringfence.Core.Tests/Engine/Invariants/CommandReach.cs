using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Ledger;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Tests.Engine.Invariants;

/// <summary>
/// The collateral a command names, and so may move: free balances of the accounts it names, the margin of the
/// isolated positions it is about, and the pods it is about. Mark-price and funding commands name no collateral; what
/// they may move is checked against the events they emit.
/// </summary>
internal sealed record CommandReach(IReadOnlySet<AccountId> Accounts, IReadOnlySet<PositionKey> IsolatedPositions, IReadOnlySet<PodKey> Pods)
{
    private static readonly CommandReach Nothing = new(new HashSet<AccountId>(), new HashSet<PositionKey>(), new HashSet<PodKey>());

    public static CommandReach Of(Command command) => command switch
    {
        Deposit c => Naming(c.Account),
        Withdraw c => Naming(c.Account),
        Transfer c => Naming(c.From, c.To),
        Trade c => new(
            new HashSet<AccountId> { c.Buyer.Account, c.Seller.Account },
            new[] { c.Buyer, c.Seller }.Where(s => s.Scope.Kind == MarginScopeKind.Isolated).Select(s => Isolated(s.Account, c.Symbol)).ToHashSet(),
            new[] { c.Buyer, c.Seller }.Where(s => s.Scope.Kind == MarginScopeKind.Pod).Select(s => new PodKey(s.Account, s.Scope.Pod!)).ToHashSet()),
        AddMargin c => Position(c.Account, c.Symbol),
        RemoveMargin c => Position(c.Account, c.Symbol),
        SetLeverage c when c.Scope.Kind == MarginScopeKind.Isolated => Position(c.Account, c.Symbol),
        FundPod c => Pod(c.Account, c.Pod, withFreeBalance: true),
        DefundPod c => Pod(c.Account, c.Pod, withFreeBalance: true),
        MovePositionToPod c => Pod(c.Account, c.Pod, withFreeBalance: false) with { IsolatedPositions = new HashSet<PositionKey> { Isolated(c.Account, c.Symbol) } },

        // These name no collateral: they move none (set-ups, settings), or what they move is checked against their
        // events (marks, funding, liquidation fills). Listed one by one, so that a new command type must be given a rule.
        CreateAccount or ListInstrument or CreatePod or SetAutoTopUp or SetLeverage or Sweep => Nothing,
        UpdateMarkPrice or UpdateIndexPrice or ApplyFundingRate or RecordFundingSample or SettleFunding or LiquidationFill => Nothing,
        _ => throw new ArgumentException($"no reach rule for {command.GetType().Name}: say which collateral it may move", nameof(command)),
    };

    /// <summary>True when <paramref name="account"/> is a ledger account this command may move.</summary>
    public bool Covers(LedgerAccount account) => account.Kind switch
    {
        LedgerAccountKind.Free => Accounts.Any(a => a.Value == account.Owner),
        LedgerAccountKind.PositionMargin => IsolatedPositions.Any(p => p.ToString() == account.Owner),
        LedgerAccountKind.PodMargin => Pods.Any(p => p.ToString() == account.Owner),
        _ => true,
    };

    /// <summary>True for the ledger accounts that hold someone's collateral.</summary>
    public static bool IsCollateral(LedgerAccount account) =>
        account.Kind is LedgerAccountKind.Free or LedgerAccountKind.PositionMargin or LedgerAccountKind.PodMargin;

    public static PositionKey Isolated(AccountId account, string symbol) => new(account, symbol, MarginScope.Isolated);

    private static CommandReach Naming(params AccountId[] accounts) => Nothing with { Accounts = accounts.ToHashSet() };

    private static CommandReach Position(AccountId account, string symbol) => new(
        new HashSet<AccountId> { account }, new HashSet<PositionKey> { Isolated(account, symbol) }, new HashSet<PodKey>());

    private static CommandReach Pod(AccountId account, string pod, bool withFreeBalance) => new(
        withFreeBalance ? new HashSet<AccountId> { account } : new HashSet<AccountId>(), new HashSet<PositionKey>(), new HashSet<PodKey> { new(account, pod) });
}
