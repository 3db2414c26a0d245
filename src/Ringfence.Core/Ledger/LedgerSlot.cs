namespace Ringfence.Core.Ledger;

/// <summary>
/// Where one ledger account's balance sits in a <see cref="BalanceSheet"/>: a dense integer assigned the first time the
/// account is touched, in command order. A slot is an in-process handle, never an identity: nothing that leaves the
/// engine (events, snapshots, the state hash) carries one, and a restored engine numbers its accounts differently.
/// </summary>
internal readonly record struct LedgerSlot(int Value);
