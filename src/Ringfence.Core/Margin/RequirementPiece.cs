using Ringfence.Core.Numerics;

namespace Ringfence.Core.Margin;

/// <summary>
/// One linear piece of a maintenance requirement as a function of the price P:
/// <c>requirement(P) = notional(P) × MarkRate + Constant</c>. A tiered requirement is the largest of its pieces
/// (the tax-bracket form is convex), which is what lets the liquidation price be solved piece by piece.
/// </summary>
/// <param name="MarkRate">Rate on the notional at P (a tier's MMR, plus a fee rate where the venue adds one).</param>
/// <param name="Constant">Amount that does not move with P (minus the maintenance amount, plus fixed fees).</param>
internal readonly record struct RequirementPiece(Rate MarkRate, Money Constant);
