using Ringfence.Core.Accounts;
using Ringfence.Core.Ledger;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine;

/// <summary>
/// The engine's complete state at one point, as immutable data: restoring it and continuing gives exactly what
/// continuing without it would have. Everything in it is immutable, so taking one is a copy of references.
/// </summary>
/// <param name="Accounts">Accounts in id order.</param>
/// <param name="Markets">Listed instruments with their marks, in symbol order.</param>
/// <param name="Positions">Open positions in key order.</param>
/// <param name="Pods">Pods in key order.</param>
/// <param name="Balances">Every non-zero ledger balance, in ledger-account order.</param>
/// <param name="Flows">Deposits and withdrawals per asset.</param>
/// <param name="Outcomes">The idempotency window: outcomes of the last accepted commands with client ids, by client id, oldest first.</param>
/// <param name="LastTime">The time of the last command that carried one.</param>
/// <param name="InsuranceFundHistory">Insurance fund changes per instrument, oldest first.</param>
/// <param name="IdempotencyWindow">How many client ids the engine remembers (<see cref="EngineOptions.IdempotencyWindow"/>).</param>
public sealed record EngineSnapshot(
    IReadOnlyList<Account> Accounts,
    IReadOnlyList<Market> Markets,
    IReadOnlyList<Position> Positions,
    IReadOnlyList<PodKey> Pods,
    IReadOnlyList<KeyValuePair<LedgerAccount, Money>> Balances,
    IReadOnlyList<AssetFlows> Flows,
    IReadOnlyList<KeyValuePair<string, ExecutionResult>> Outcomes,
    DateTimeOffset? LastTime,
    IReadOnlyList<KeyValuePair<string, IReadOnlyList<InsuranceFundEntry>>> InsuranceFundHistory,
    long IdempotencyWindow = EngineOptions.DefaultIdempotencyWindow);

/// <summary>Money that entered and left the venue in one asset.</summary>
public sealed record AssetFlows(Asset Asset, Money Deposits, Money Withdrawals);
