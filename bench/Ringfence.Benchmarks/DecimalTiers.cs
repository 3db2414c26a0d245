using Ringfence.Core.Instruments;

namespace Ringfence.Benchmarks;

/// <summary>
/// A risk tier table as plain <see cref="decimal"/> arrays, for the naive baselines: what a straightforward
/// implementation would keep (caps, rates and cumulative maintenance amounts, scanned linearly).
/// </summary>
internal sealed class DecimalTiers
{
    /// <summary>Copies a validated table exactly.</summary>
    public DecimalTiers(RiskTierTable table)
    {
        ArgumentNullException.ThrowIfNull(table);
        Caps = [.. table.Tiers.Select(t => t.Cap is { } cap ? BenchmarkData.ToDecimal(cap.Units) : decimal.MaxValue)];
        Rates = [.. table.Tiers.Select(t => BenchmarkData.ToDecimal(t.MaintenanceRate.Units))];
        Amounts = [.. table.Tiers.Select(t => BenchmarkData.ToDecimal(t.MaintenanceAmount.Units))];
    }

    /// <summary>Inclusive notional caps; <see cref="decimal.MaxValue"/> for an open last tier.</summary>
    public decimal[] Caps { get; }

    /// <summary>Maintenance margin rates.</summary>
    public decimal[] Rates { get; }

    /// <summary>Cumulative maintenance amounts ("cum").</summary>
    public decimal[] Amounts { get; }

    /// <summary>Index of the tier containing <paramref name="notional"/> by a linear scan; the last tier beyond all caps.</summary>
    public int IndexOf(decimal notional)
    {
        var last = Caps.Length - 1;
        var i = 0;
        while (i < last && notional > Caps[i])
        {
            i++;
        }

        return i;
    }
}
