using Ringfence.Core.Numerics;

namespace Ringfence.Core.Engine;

/// <summary>One change of an instrument's insurance fund: how much, the balance after, and why.</summary>
public sealed record InsuranceFundEntry(Money Change, Money Balance, string Reason);
