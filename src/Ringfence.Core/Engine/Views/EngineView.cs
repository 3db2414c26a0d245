using Ringfence.Core.Ledger;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine.Views;

/// <summary>The read model of the whole state.</summary>
/// <param name="Accounts">Accounts in id order.</param>
/// <param name="Positions">Open positions in key order.</param>
/// <param name="Pods">Pods in key order.</param>
/// <param name="InsuranceFunds">Insurance fund balance per instrument.</param>
/// <param name="Audit">Ledger totals per asset.</param>
/// <param name="Hash">The state hash.</param>
/// <param name="InsuranceFundHistory">Every change of each instrument's insurance fund, oldest first.</param>
public sealed record EngineView(
    IReadOnlyList<AccountView> Accounts,
    IReadOnlyList<PositionView> Positions,
    IReadOnlyList<PodView> Pods,
    IReadOnlyDictionary<string, Money> InsuranceFunds,
    IReadOnlyList<AssetAudit> Audit,
    string Hash,
    IReadOnlyDictionary<string, IReadOnlyList<InsuranceFundEntry>> InsuranceFundHistory);
