using Ringfence.Core.Accounts;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Cli.Bench;

/// <summary>
/// One account of a benchmark book: funded with <paramref name="Deposit"/>, then holding one position opened at the
/// mark against the cross maker.
/// </summary>
/// <param name="Account">The account.</param>
/// <param name="Deposit">What it deposits before trading.</param>
/// <param name="Side">The side of its position.</param>
/// <param name="Quantity">The size of its position.</param>
/// <param name="Scope">Isolated or cross.</param>
/// <param name="Leverage">The leverage an isolated position opens with (its collateral is the initial margin); ignored for cross.</param>
internal sealed record BookEntry(AccountId Account, Money Deposit, PositionSide Side, Quantity Quantity, MarginScope Scope, Leverage Leverage);
