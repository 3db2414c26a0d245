using Ringfence.Core.Numerics;

namespace Ringfence.Core.Ledger;

/// <summary>
/// One balance change: <see cref="Amount"/> (positive) moved from <see cref="From"/> to <see cref="To"/>. A deposit has
/// no source and a withdrawal no destination.
/// </summary>
public readonly record struct Posting(LedgerAccount? From, LedgerAccount? To, Money Amount);
