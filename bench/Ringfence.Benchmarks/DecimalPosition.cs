using Ringfence.Core.Margin;

namespace Ringfence.Benchmarks;

/// <summary>
/// An <see cref="IsolatedPosition"/> converted exactly to <see cref="decimal"/> for the naive baselines.
/// </summary>
/// <param name="Sign">+1 for a long, −1 for a short.</param>
/// <param name="Size">Quantity × contract size: base units (linear) or USD face value (inverse).</param>
/// <param name="Entry">Entry price.</param>
/// <param name="Margin">Isolated wallet balance.</param>
internal readonly record struct DecimalPosition(decimal Sign, decimal Size, decimal Entry, decimal Margin)
{
    /// <summary>The exact decimal mirror of <paramref name="position"/>.</summary>
    public static DecimalPosition From(IsolatedPosition position)
    {
        return new(
            position.Side.Sign(),
            BenchmarkData.ToDecimal(position.Quantity.Units) * BenchmarkData.ToDecimal(position.Contract.Size.Units),
            BenchmarkData.ToDecimal(position.EntryPrice.Units),
            BenchmarkData.ToDecimal(position.Margin.Units));
    }
}
