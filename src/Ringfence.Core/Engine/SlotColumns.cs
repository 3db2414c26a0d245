namespace Ringfence.Core.Engine;

/// <summary>
/// Capacity of the parallel columns a slot table keeps (positions, ledger balances, the index's placement): all of
/// them grow together, doubling, so a slot is valid in every column and n slots cost O(n) copies in all.
/// </summary>
internal static class SlotColumns
{
    /// <summary>Grows the three columns to hold at least <paramref name="needed"/> slots (no-op when they do).</summary>
    public static void Grow<TFirst, TSecond, TThird>(int needed, ref TFirst[] first, ref TSecond[] second, ref TThird[] third)
    {
        if (needed <= first.Length)
        {
            return;
        }

        var size = Math.Max(needed, first.Length * 2);
        Array.Resize(ref first, size);
        Array.Resize(ref second, size);
        Array.Resize(ref third, size);
    }
}
