using BenchmarkDotNet.Attributes;
using BenchmarkDotNet.Configs;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Benchmarks;

/// <summary>
/// Measures the exact liquidation price solve <see cref="IsolatedMarginModel.LiquidationPrice"/> (and
/// <see cref="IsolatedMarginModel.BankruptcyPrice"/>), which runs on every position change (open, resize, margin
/// transfer, funding): on a one-tier table; on the 10-tier table when the root stays in the entry tier (the fast
/// path: one piece solved); and on the 10-tier table when the root lands in another tier (every tier's piece solved).
/// Each category's baseline is the closed-form one-tier Binance formula in <see cref="decimal"/> (linear
/// LP = (WB + cum − s·Q·EP) ÷ (Q·(MMR − s)), inverse LP = V·(s + MMR) ÷ (WB + cum + s·V/EP)), rounded to the tick,
/// so the Ratio column is what exactness and the tier search cost. Every invocation solves <see cref="Count"/>
/// pseudo-random positions of the case (chosen and checked in setup), reported per solve.
/// </summary>
[MemoryDiagnoser]
[GroupBenchmarksBy(BenchmarkLogicalGroupRule.ByCategory)]
[CategoriesColumn]
public class LiquidationPriceBenchmarks
{
    /// <summary>Positions solved per invocation.</summary>
    public const int Count = 16;

    private static readonly Price Tick = Price.Parse("0.1");
    private const decimal DecimalTick = 0.1m;

    private readonly IsolatedMarginModel _linearOneTier = new(VenueProfiles.Binance, BenchmarkData.OneTier, Rate.Zero);
    private readonly IsolatedMarginModel _linearTenTiers = new(VenueProfiles.Binance, BenchmarkData.LinearTiers, Rate.Zero);
    private readonly IsolatedMarginModel _inverseOneTier = new(VenueProfiles.Binance, BenchmarkData.OneTier, Rate.Zero);
    private readonly IsolatedMarginModel _inverseTenTiers = new(VenueProfiles.Binance, BenchmarkData.InverseTiers, Rate.Zero);
    private readonly decimal _oneTierRate = BenchmarkData.ToDecimal(BenchmarkData.OneTier.Tiers[0].MaintenanceRate.Units);
    private readonly decimal _oneTierAmount = BenchmarkData.ToDecimal(BenchmarkData.OneTier.Tiers[0].MaintenanceAmount.Units);

    private readonly IsolatedPosition[] _linearOne;
    private readonly IsolatedPosition[] _linearEntryTier;
    private readonly IsolatedPosition[] _linearOtherTier;
    private readonly DecimalPosition[] _linearDecimal;
    private readonly IsolatedPosition[] _inverseOne;
    private readonly IsolatedPosition[] _inverseEntryTier;
    private readonly IsolatedPosition[] _inverseOtherTier;
    private readonly DecimalPosition[] _inverseDecimal;

    private readonly Price?[] _prices = new Price?[Count];
    private readonly decimal[] _decimalPrices = new decimal[Count];

    /// <summary>Draws positions (seeded) until each case has <see cref="Count"/> that fit it.</summary>
    public LiquidationPriceBenchmarks()
    {
        var random = new Random(20_240_602);
        _linearOne = Draw(random, ContractType.Linear, 1_000, 10_000_000, _linearOneTier, _ => true);
        _linearEntryTier = Draw(random, ContractType.Linear, 1_000, 400_000_000, _linearTenTiers, static same => same);
        _linearOtherTier = Draw(random, ContractType.Linear, 1_000, 400_000_000, _linearTenTiers, static same => !same);
        _inverseOne = Draw(random, ContractType.Inverse, 0.02, 200, _inverseOneTier, _ => true);
        _inverseEntryTier = Draw(random, ContractType.Inverse, 0.02, 8_000, _inverseTenTiers, static same => same);
        _inverseOtherTier = Draw(random, ContractType.Inverse, 0.02, 8_000, _inverseTenTiers, static same => !same);
        _linearDecimal = [.. _linearOne.Select(DecimalPosition.From)];
        _inverseDecimal = [.. _inverseOne.Select(DecimalPosition.From)];
    }

    /// <summary>Checks that the closed forms agree with the exact solver on the one-tier positions to within a tick.</summary>
    [GlobalSetup]
    public void Verify()
    {
        Compare(nameof(ClosedFormDecimalLinear), ClosedFormDecimalLinear, LiquidationPriceLinearOneTier);
        Compare(nameof(ClosedFormDecimalInverse), ClosedFormDecimalInverse, LiquidationPriceInverseOneTier);
    }

    /// <summary>Closed-form one-tier Binance USDⓈ-M liquidation price in decimal (baseline of the Linear category).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    [BenchmarkCategory("Linear")]
    public decimal ClosedFormDecimalLinear()
    {
        for (var i = 0; i < Count; i++)
        {
            var p = _linearDecimal[i];
            var price = (p.Margin + _oneTierAmount - (p.Sign * p.Size * p.Entry)) / (p.Size * (_oneTierRate - p.Sign));
            _decimalPrices[i] = RoundToTick(price, p.Sign);
        }

        return _decimalPrices[Count - 1];
    }

    /// <summary>Exact solve, linear, one-tier table.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Linear")]
    public Price? LiquidationPriceLinearOneTier() => Solve(_linearOneTier, _linearOne);

    /// <summary>Exact solve, linear, 10-tier table, root in the entry tier (fast path).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Linear")]
    public Price? LiquidationPriceLinearTieredEntryTier() => Solve(_linearTenTiers, _linearEntryTier);

    /// <summary>Exact solve, linear, 10-tier table, root in another tier (every piece solved).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Linear")]
    public Price? LiquidationPriceLinearTieredOtherTier() => Solve(_linearTenTiers, _linearOtherTier);

    /// <summary>Exact bankruptcy price, linear (one piece, no tiers).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Linear")]
    public Price? BankruptcyPriceLinear()
    {
        var model = _linearOneTier;
        for (var i = 0; i < Count; i++)
        {
            _prices[i] = model.BankruptcyPrice(_linearOne[i], Tick);
        }

        return _prices[Count - 1];
    }

    /// <summary>Closed-form one-tier Binance COIN-M liquidation price in decimal (baseline of the Inverse category).</summary>
    [Benchmark(Baseline = true, OperationsPerInvoke = Count)]
    [BenchmarkCategory("Inverse")]
    public decimal ClosedFormDecimalInverse()
    {
        for (var i = 0; i < Count; i++)
        {
            var p = _inverseDecimal[i];
            var price = p.Size * (p.Sign + _oneTierRate) / (p.Margin + _oneTierAmount + (p.Sign * p.Size / p.Entry));
            _decimalPrices[i] = RoundToTick(price, p.Sign);
        }

        return _decimalPrices[Count - 1];
    }

    /// <summary>Exact solve, inverse, one-tier table.</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Inverse")]
    public Price? LiquidationPriceInverseOneTier() => Solve(_inverseOneTier, _inverseOne);

    /// <summary>Exact solve, inverse, 10-tier table, root in the entry tier (fast path).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Inverse")]
    public Price? LiquidationPriceInverseTieredEntryTier() => Solve(_inverseTenTiers, _inverseEntryTier);

    /// <summary>Exact solve, inverse, 10-tier table, root in another tier (every piece solved).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Inverse")]
    public Price? LiquidationPriceInverseTieredOtherTier() => Solve(_inverseTenTiers, _inverseOtherTier);

    /// <summary>Exact bankruptcy price, inverse (one piece, no tiers).</summary>
    [Benchmark(OperationsPerInvoke = Count)]
    [BenchmarkCategory("Inverse")]
    public Price? BankruptcyPriceInverse()
    {
        var model = _inverseOneTier;
        for (var i = 0; i < Count; i++)
        {
            _prices[i] = model.BankruptcyPrice(_inverseOne[i], Tick);
        }

        return _prices[Count - 1];
    }

    private Price? Solve(IsolatedMarginModel model, IsolatedPosition[] positions)
    {
        for (var i = 0; i < Count; i++)
        {
            _prices[i] = model.LiquidationPrice(positions[i], Tick);
        }

        return _prices[Count - 1];
    }

    private static decimal RoundToTick(decimal price, decimal sign) =>
        (sign > 0 ? decimal.Ceiling(price / DecimalTick) : decimal.Floor(price / DecimalTick)) * DecimalTick;

    /// <summary>
    /// Draws positions until <see cref="Count"/> have a liquidation price within a factor of 3 of entry whose tier is
    /// (<paramref name="sameTier"/> true) or is not (false) the tier at entry, as <paramref name="accept"/> asks.
    /// </summary>
    private static IsolatedPosition[] Draw(
        Random random, ContractType type, double minNotional, double maxNotional, IsolatedMarginModel model, Func<bool, bool> accept)
    {
        var drawn = new List<IsolatedPosition>(Count);
        for (var attempt = 0; drawn.Count < Count; attempt++)
        {
            if (attempt > 100_000)
            {
                throw new InvalidOperationException($"Could not draw {Count} {type} positions for the case.");
            }

            var position = BenchmarkData.RandomPosition(random, type, minNotional, maxNotional, 1.5, 25);
            if (model.LiquidationPrice(position, Price.FromUnits(1)) is not { } price
                || price.Units * 3 < position.EntryPrice.Units
                || price.Units > position.EntryPrice.Units * 3)
            {
                continue;
            }

            var entryTier = model.Tiers.ForNotional(IsolatedMarginModel.Notional(position, position.EntryPrice));
            var rootTier = model.Tiers.ForNotional(IsolatedMarginModel.Notional(position, price));
            if (accept(entryTier == rootTier))
            {
                drawn.Add(position);
            }
        }

        return [.. drawn];
    }

    private void Compare(string name, Func<decimal> closedForm, Func<Price?> exact)
    {
        closedForm();
        var naive = (decimal[])_decimalPrices.Clone();
        exact();
        for (var i = 0; i < Count; i++)
        {
            var solved = _prices[i] is { } price ? BenchmarkData.ToDecimal(price.Units) : -1m;
            if (Math.Abs(solved - naive[i]) > DecimalTick)
            {
                throw new InvalidOperationException($"{name}: position {i} solves to {solved}, the closed form gives {naive[i]}.");
            }
        }
    }
}
