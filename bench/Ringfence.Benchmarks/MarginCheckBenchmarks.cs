using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Benchmarks;

/// <summary>
/// Measures the integer margin check <see cref="IsolatedMarginModel.IsLiquidatable"/> — equity at the mark against the
/// tiered maintenance margin — for linear and inverse positions on a Binance-like 10-tier table. It is the hot path
/// of liquidation monitoring: it runs for every candidate position on every mark price update. Each category's
/// baseline is the same check written naively with <see cref="decimal"/> (equity = margin + side·qty·(mark − entry),
/// maintenance = notional·MMR − cum with a linear tier scan), so the Ratio column is the price of exact fixed point
/// with explicit rounding against a plain decimal implementation. Every invocation checks <see cref="Count"/>
/// pseudo-random positions (notionals across all ten tiers, marks within ±3% of entry), reported per check.
/// The Bybit UTA row shows the cost of a profile that reserves the fee to close inside maintenance.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class MarginCheckBenchmarks
{
    /// <summary>Positions checked per invocation.</summary>
    public const int Count = 64;

    private readonly IsolatedMarginModel _linearModel = new(VenueProfiles.Binance, BenchmarkData.LinearTiers, Rate.Zero);
    private readonly IsolatedMarginModel _inverseModel = new(VenueProfiles.Binance, BenchmarkData.InverseTiers, Rate.Zero);
    private readonly IsolatedMarginModel _bybitUnifiedModel = new(VenueProfiles.BybitUnified, BenchmarkData.LinearTiers, Rate.Parse("0.00055"));
    private readonly DecimalTiers _linearDecimalTiers = new(BenchmarkData.LinearTiers);
    private readonly DecimalTiers _inverseDecimalTiers = new(BenchmarkData.InverseTiers);

    private readonly IsolatedPosition[] _linearPositions = new IsolatedPosition[Count];
    private readonly Price[] _linearMarks = new Price[Count];
    private readonly DecimalPosition[] _linearDecimal = new DecimalPosition[Count];
    private readonly decimal[] _linearDecimalMarks = new decimal[Count];

    private readonly IsolatedPosition[] _inversePositions = new IsolatedPosition[Count];
    private readonly Price[] _inverseMarks = new Price[Count];
    private readonly DecimalPosition[] _inverseDecimal = new DecimalPosition[Count];
    private readonly decimal[] _inverseDecimalMarks = new decimal[Count];

    /// <summary>Generates the positions (seeded, so every run checks the same ones).</summary>
    public MarginCheckBenchmarks()
    {
        var random = new Random(20_240_601);
        Fill(random, ContractType.Linear, 1_000, 400_000_000, _linearPositions, _linearMarks, _linearDecimal, _linearDecimalMarks);
        Fill(random, ContractType.Inverse, 0.02, 8_000, _inversePositions, _inverseMarks, _inverseDecimal, _inverseDecimalMarks);
    }

    /// <summary>Checks that the fixed-point and decimal checks find as many positions liquidatable, and that the sample is mixed.</summary>
    [GlobalSetup]
    public void Verify()
    {
        Require(nameof(IsLiquidatableLinear), IsLiquidatableLinear(), DecimalLinear());
        Require(nameof(IsLiquidatableInverse), IsLiquidatableInverse(), DecimalInverse());
    }

    /// <summary>Naive decimal margin check of a linear position (baseline of the Linear category).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    [BenchmarkCategory("Linear")]
    public int DecimalLinear()
    {
        var tiers = _linearDecimalTiers;
        var liquidatable = 0;
        for (var i = 0; i < Count; i++)
        {
            var p = _linearDecimal[i];
            var mark = _linearDecimalMarks[i];
            var equity = p.Margin + (p.Sign * p.Size * (mark - p.Entry));
            var notional = p.Size * mark;
            var tier = tiers.IndexOf(notional);
            var maintenance = (notional * tiers.Rates[tier]) - tiers.Amounts[tier];
            if (equity <= maintenance)
            {
                liquidatable++;
            }
        }

        return liquidatable;
    }

    /// <summary>Fixed-point margin check of a linear position, Binance profile.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Linear")]
    public int IsLiquidatableLinear()
    {
        var model = _linearModel;
        var liquidatable = 0;
        for (var i = 0; i < Count; i++)
        {
            if (model.IsLiquidatable(_linearPositions[i], _linearMarks[i]))
            {
                liquidatable++;
            }
        }

        return liquidatable;
    }

    /// <summary>
    /// Fixed-point margin check of the same linear positions under the Bybit UTA profile (fee to close reserved in
    /// maintenance, taker fee 0.055%).
    /// </summary>
    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Linear")]
    public int IsLiquidatableLinearBybitUta()
    {
        var model = _bybitUnifiedModel;
        var liquidatable = 0;
        for (var i = 0; i < Count; i++)
        {
            if (model.IsLiquidatable(_linearPositions[i], _linearMarks[i]))
            {
                liquidatable++;
            }
        }

        return liquidatable;
    }

    /// <summary>Naive decimal margin check of an inverse position (baseline of the Inverse category).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    [BenchmarkCategory("Inverse")]
    public int DecimalInverse()
    {
        var tiers = _inverseDecimalTiers;
        var liquidatable = 0;
        for (var i = 0; i < Count; i++)
        {
            var p = _inverseDecimal[i];
            var mark = _inverseDecimalMarks[i];
            var equity = p.Margin + (p.Sign * p.Size * ((1m / p.Entry) - (1m / mark)));
            var notional = p.Size / mark;
            var tier = tiers.IndexOf(notional);
            var maintenance = (notional * tiers.Rates[tier]) - tiers.Amounts[tier];
            if (equity <= maintenance)
            {
                liquidatable++;
            }
        }

        return liquidatable;
    }

    /// <summary>Fixed-point margin check of an inverse (coin-settled) position, Binance profile.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Inverse")]
    public int IsLiquidatableInverse()
    {
        var model = _inverseModel;
        var liquidatable = 0;
        for (var i = 0; i < Count; i++)
        {
            if (model.IsLiquidatable(_inversePositions[i], _inverseMarks[i]))
            {
                liquidatable++;
            }
        }

        return liquidatable;
    }

    private static void Fill(
        Random random, ContractType type, double minNotional, double maxNotional,
        IsolatedPosition[] positions, Price[] marks, DecimalPosition[] decimals, decimal[] decimalMarks)
    {
        for (var i = 0; i < Count; i++)
        {
            positions[i] = BenchmarkData.RandomPosition(random, type, minNotional, maxNotional, 5, 50);
            marks[i] = BenchmarkData.RandomMark(random, positions[i], 0.03);
            decimals[i] = DecimalPosition.From(positions[i]);
            decimalMarks[i] = BenchmarkData.ToDecimal(marks[i].Units);
        }
    }

    private static void Require(string name, int fixedPoint, int naive)
    {
        if (fixedPoint != naive || fixedPoint == 0 || fixedPoint == Count)
        {
            throw new InvalidOperationException(
                $"{name}: {fixedPoint} of {Count} liquidatable, decimal baseline {naive}; the sample must agree and be mixed.");
        }
    }
}
