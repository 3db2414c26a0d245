using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Benchmarks;

/// <summary>
/// Inputs shared by the benchmarks: the Binance-like 10-tier tables, deterministic pseudo-random positions, and
/// their <see cref="decimal"/> mirrors for the naive baselines. Generated once per benchmark process, never timed.
/// </summary>
internal static class BenchmarkData
{
    /// <summary>Binance BTCUSDT (2021) notional caps in USDT, tiers 1–10.</summary>
    private static readonly string[] LinearCaps =
        ["50000", "250000", "1000000", "10000000", "20000000", "50000000", "100000000", "200000000", "300000000", "500000000"];

    /// <summary>The same caps expressed in BTC at 50 000 USD, for the coin-settled (inverse) table.</summary>
    private static readonly string[] InverseCaps = ["1", "5", "20", "200", "400", "1000", "2000", "4000", "6000", "10000"];

    /// <summary>Maintenance margin rates of tiers 1–10.</summary>
    private static readonly string[] Rates = ["0.004", "0.005", "0.01", "0.025", "0.05", "0.1", "0.125", "0.15", "0.25", "0.5"];

    /// <summary>The 10-tier linear table (USDT notional), maintenance amounts derived by the cumulative recursion.</summary>
    public static RiskTierTable LinearTiers { get; } = Table(LinearCaps);

    /// <summary>The 10-tier inverse table (BTC notional), same rates.</summary>
    public static RiskTierTable InverseTiers { get; } = Table(InverseCaps);

    /// <summary>A one-tier table, MMR 0.4% and no maintenance amount.</summary>
    public static RiskTierTable OneTier { get; } = RiskTierTable.Flat(Rate.Parse("0.004"));

    /// <summary>Exact conversion of a fixed-point unit count to <see cref="decimal"/>.</summary>
    public static decimal ToDecimal(long units) => units / 100_000_000m;

    /// <summary>
    /// A random position with its notional at entry log-uniform in [<paramref name="minNotional"/>,
    /// <paramref name="maxNotional"/>] of the settle asset and its margin notional ÷ leverage, leverage uniform in
    /// [<paramref name="minLeverage"/>, <paramref name="maxLeverage"/>]. Linear sizes are in 0.001 BTC, inverse ones
    /// in whole 100 USD contracts; entry prices lie in [20 000, 80 000).
    /// </summary>
    public static IsolatedPosition RandomPosition(
        Random random, ContractType type, double minNotional, double maxNotional, double minLeverage, double maxLeverage)
    {
        ArgumentNullException.ThrowIfNull(random);
        var side = random.Next(2) == 0 ? PositionSide.Long : PositionSide.Short;
        var entry = Math.Round(20_000 + (random.NextDouble() * 60_000), 1);
        var notional = Math.Exp(Math.Log(minNotional) + (random.NextDouble() * (Math.Log(maxNotional) - Math.Log(minNotional))));
        var leverage = minLeverage + (random.NextDouble() * (maxLeverage - minLeverage));
        IsolatedPosition position;
        if (type == ContractType.Linear)
        {
            var quantity = Math.Max(0.001, Math.Round(notional / entry, 3));
            var margin = Math.Round(quantity * entry / leverage, 2);
            position = new IsolatedPosition(ContractSpec.Linear(), side, Units(quantity), Price.FromUnits(ToUnits(entry)), Money.FromUnits(ToUnits(margin)));
        }
        else
        {
            var contracts = Math.Max(1, Math.Round(notional * entry / 100));
            var margin = Math.Round(contracts * 100 / entry / leverage, 8);
            position = new IsolatedPosition(
                ContractSpec.Inverse(Quantity.FromWhole(100)), side, Quantity.FromWhole((long)contracts), Price.FromUnits(ToUnits(entry)), Money.FromUnits(ToUnits(margin)));
        }

        return position.Validate();
    }

    /// <summary>A mark price within ±<paramref name="move"/> (a fraction) of the entry, rounded to 0.1.</summary>
    public static Price RandomMark(Random random, IsolatedPosition position, double move)
    {
        ArgumentNullException.ThrowIfNull(random);
        var entry = position.EntryPrice.Units / (double)FixedPoint.Scale;
        return Price.FromUnits(ToUnits(Math.Round(entry * (1 + (((random.NextDouble() * 2) - 1) * move)), 1)));
    }

    private static Quantity Units(double value) => Quantity.FromUnits(ToUnits(value));

    private static long ToUnits(double value) => (long)Math.Round(value * FixedPoint.Scale);

    private static RiskTierTable Table(string[] caps) =>
        RiskTierTable.Create([.. caps.Select((cap, i) => new RiskTierSpec(Money.Parse(cap), Rate.Parse(Rates[i])))]);
}
