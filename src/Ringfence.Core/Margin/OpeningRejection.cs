namespace Ringfence.Core.Margin;

/// <summary>Why a position cannot be opened as asked: a stable code and a readable reason.</summary>
/// <param name="Code">Stable, machine-readable code such as <c>LEVERAGE_ABOVE_TIER_MAX</c>.</param>
/// <param name="Reason">The reason in words, with the numbers involved.</param>
public sealed record OpeningRejection(string Code, string Reason);
