using System.Diagnostics;
using System.Globalization;
using System.Runtime.CompilerServices;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Instruments;
using Ringfence.Core.Ledger;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Xunit.Abstractions;

namespace Ringfence.Core.Tests.Engine;

/// <summary>
/// Replays the 2025-10-10 BTCUSDT crash (Binance USDⓈ-M perpetual, 1-minute bars 20:11–22:20 UTC, low 101,516.5 at
/// 21:20) through a generated book of isolated, cross and pod positions, with a liquidity model calibrated from that
/// day's order-book depth, checking the engine's invariants after every command and that the whole liquidation waterfall
/// was exercised. The insurance fund starts empty (the engine has no command that pays into it) and fills from
/// liquidation fees and forfeited collateral. The price files live beside the checkout, in <c>../shared/data/prices</c>;
/// the test fails when they cannot be found.
/// </summary>
public sealed class CrashReplayTests(ITestOutputHelper output)
{
    private const string Symbol = "BTCUSDT";

    private const string Bars = "binance-um-btcusdt-perp-1m-2025-10-10.csv";

    private const string Depth = "binance-um-btcusdt-bookdepth-2025-10-10.csv";

    /// <summary>Fixed: the book, and so every event and the final state, is the same on every run.</summary>
    private const int Seed = 20_251_010;

    private static readonly Asset Usdt = Asset.Create("USDT");

    /// <summary>
    /// Ringfence rules, three tiers in the style of Binance's BTCUSDT brackets: up to 250,000 at 0.5% (100×), up to
    /// 1,000,000 at 1% (50×, amount 1,250), up to 10,000,000 at 2.5% (20×, amount 1,250 + 1,000,000 × 1.5% = 16,250);
    /// liquidation fee 0.3% (Binance's published BTCUSDT clearance fee, ref §1.4).
    /// </summary>
    private static Instrument Btcusdt() => Instrument.Create(Symbol, InstrumentKind.Perpetual, "BTC", "USDT", "USDT",
        ContractSpec.Linear(), Price.Parse("0.1"), Quantity.Parse("0.001"), Rate.Parse("0.0002"), Rate.Parse("0.0005"), Rate.Parse("0.003"),
        RiskTierTable.Create(
        [
            new RiskTierSpec(Money.FromWhole(250_000), Rate.Parse("0.005"), MaxLeverage: Leverage.FromWhole(100)),
            new RiskTierSpec(Money.FromWhole(1_000_000), Rate.Parse("0.01"), MaxLeverage: Leverage.FromWhole(50)),
            new RiskTierSpec(Money.FromWhole(10_000_000), Rate.Parse("0.025"), MaxLeverage: Leverage.FromWhole(20)),
        ]));

    [Fact]
    public void The_2025_10_10_crash_liquidates_through_every_step_of_the_waterfall_and_every_invariant_holds()
    {
        var clock = Stopwatch.StartNew();
        var prices = PriceFolder();
        var bars = ReadBars(Path.Combine(prices, Bars));
        var liquidity = Calibrate(Path.Combine(prices, Depth));
        Assert.Equal(130, bars.Count);
        Assert.Equal(Price.Parse("101516.5"), bars.Min(b => b.Low));
        output.WriteLine($"depth curve (bid side, median 21:00-21:29 UTC): {string.Join(", ", liquidity.Points.Select(p => $"{p.Notional} within {p.Impact}"))}");

        var replay = new Replay(Btcusdt(), liquidity, bars[0].Open);
        var random = new Random(Seed);
        replay.OpenBook(random, pairs: 140, crossAccounts: 8, pods: 4);
        output.WriteLine($"book at {bars[0].Open}: {replay.PositionCount} positions, {replay.Accounts} accounts");

        var waveAt = bars.FindIndex(b => b.Time == "21:19");
        for (var i = 0; i < bars.Count; i++)
        {
            foreach (var mark in bars[i].Path())
            {
                replay.Mark(mark);
            }

            // Traders who sell the bottom: a second book opened at 21:19's close (103,441.3), squeezed by the rebound.
            if (i == waveAt)
            {
                replay.OpenBook(random, pairs: 60, crossAccounts: 0, pods: 0);
            }
        }

        var counts = replay.Counts;
        foreach (var (name, count) in counts)
        {
            output.WriteLine($"{name,-28} {count,6}");
        }

        output.WriteLine($"final insurance fund {replay.Engine.View().InsuranceFunds[Symbol]}; state hash {replay.Engine.Hash()}; {clock.Elapsed.TotalSeconds:F1} s");

        Assert.Equal(446, counts["mark commands"]); // 130 bars × 4 marks, less repeated prices
        Assert.True(counts["LiquidationStarted"] >= 1, "no liquidation started");
        Assert.True(counts["partial PositionLiquidated"] >= 1, "no partial liquidation");
        Assert.True(counts["full PositionLiquidated"] >= 1, "no full liquidation");
        Assert.True(counts["InsuranceFundChanged"] >= 1, "the insurance fund never changed");
        Assert.True(counts["BankruptcyGapCovered"] >= 1, "no bankruptcy gap was covered");
        Assert.True(counts["AutoDeleveraged"] >= 1, "nothing was deleveraged");
        Assert.True(counts["MarginToppedUp"] >= 1, "no auto top-up");
        Assert.True(counts["cross or pod liquidated"] >= 1, "no cross account or pod was liquidated");
        Assert.Equal(0, counts["Sweep disagreements"]);

        // The exact counts, the final fund and the state hash: golden, so that a faster engine must replay the crash
        // the same way, liquidation for liquidation.
        var golden = new System.Text.StringBuilder();
        foreach (var (name, count) in counts)
        {
            golden.Append(CultureInfo.InvariantCulture, $"{name}: {count}\n");
        }

        golden.Append(CultureInfo.InvariantCulture, $"positions: {replay.PositionCount}\n");
        golden.Append(CultureInfo.InvariantCulture, $"insurance fund: {replay.Engine.View().InsuranceFunds[Symbol]}\n");
        golden.Append(CultureInfo.InvariantCulture, $"state hash: {replay.Engine.Hash()}\n");
        Golden.GoldenFile.Verify("crash-replay-2025-10-10.txt", golden.ToString());
    }

    /// <summary>
    /// The depth points: for each bid-side band 1…5% below the mid, the median cumulative notional over the snapshots
    /// of 21:00:00–21:29:59 UTC (the crash half hour), impact = the band. A band that adds no notional to the one
    /// before gives no point (that much executes within the nearer band).
    /// </summary>
    private static DepthCurve Calibrate(string path)
    {
        var byBand = new SortedDictionary<int, List<decimal>>();
        foreach (var line in File.ReadLines(path).Skip(1))
        {
            var fields = line.Split(',');
            var time = fields[0][11..];
            var band = int.Parse(fields[1], CultureInfo.InvariantCulture);
            if (band < 0 && string.CompareOrdinal(time, "21:00:00") >= 0 && string.CompareOrdinal(time, "21:30:00") < 0)
            {
                (byBand.TryGetValue(-band, out var list) ? list : byBand[-band] = []).Add(decimal.Parse(fields[3], CultureInfo.InvariantCulture));
            }
        }

        Assert.Equal([1, 2, 3, 4, 5], byBand.Keys);
        Assert.All(byBand.Values, v => Assert.Equal(60, v.Count));
        var points = new List<(Money, Rate)>();
        foreach (var (band, notionals) in byBand)
        {
            var median = Median(notionals);
            if (points.Count == 0 || Money.Parse(median.ToString(CultureInfo.InvariantCulture)) > points[^1].Item1)
            {
                points.Add((Money.Parse(median.ToString(CultureInfo.InvariantCulture)), Rate.FromUnits(band * FixedPoint.Scale / 100)));
            }
        }

        // The book was about 2.14M deep within 1% (and no deeper within 2%) all half hour; 2.2M within 3%, 38M within
        // 4%, 97M within 5% (medians of 60 snapshots each).
        Assert.Equal(Money.Parse("2142547.0931"), points[0].Item1);
        Assert.Equal(4, points.Count);
        return DepthCurve.Create(points);
    }

    private static decimal Median(List<decimal> values)
    {
        var sorted = values.Order().ToList();
        var middle = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
    }

    private static List<Bar> ReadBars(string path) =>
        [.. File.ReadLines(path).Skip(1).Select(line =>
        {
            var f = line.Split(',');
            var time = DateTimeOffset.FromUnixTimeMilliseconds(long.Parse(f[0], CultureInfo.InvariantCulture)).ToString("HH:mm", CultureInfo.InvariantCulture);
            return new Bar(time, Price.Parse(f[1]), Price.Parse(f[2]), Price.Parse(f[3]), Price.Parse(f[4]));
        })];

    /// <summary>The folder holding the price files: searched upwards from the test assembly, the source file and the working directory.</summary>
    private static string PriceFolder([CallerFilePath] string sourceFile = "")
    {
        var starts = new[] { AppContext.BaseDirectory, Path.GetDirectoryName(sourceFile) ?? string.Empty, Environment.CurrentDirectory };
        foreach (var start in starts.Where(s => s.Length > 0))
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                var candidate = Path.Combine(directory.FullName, "shared", "data", "prices");
                if (File.Exists(Path.Combine(candidate, Bars)) && File.Exists(Path.Combine(candidate, Depth)))
                {
                    return candidate;
                }
            }
        }

        Assert.Fail($"The crash data was not found: no folder shared/data/prices holding {Bars} and {Depth} above {string.Join(" or ", starts)}. " +
            "It lives beside the checkout (../shared/data/prices); check out the shared folder next to the repository.");
        return string.Empty;
    }

    /// <summary>A 1-minute bar.</summary>
    private sealed record Bar(string Time, Price Open, Price High, Price Low, Price Close)
    {
        /// <summary>The marks within the bar: open, then high and low (high first in a falling bar), then close.</summary>
        public IEnumerable<Price> Path() => Close < Open ? [Open, High, Low, Close] : [Open, Low, High, Close];
    }

    /// <summary>The engine under replay, with its invariant checks and event counts.</summary>
    private sealed class Replay
    {
        private static readonly int[] Leverages = [2, 3, 5, 10, 20, 25, 50, 75, 100];

        private static readonly int[] SharedLeverages = [5, 10, 20];

        /// <summary>Notionals from 2,000 to about 3,000,000 USDT, 5% apart (integer arithmetic: the same on every machine).</summary>
        private static readonly long[] Notionals = Geometric(2_000, 151);

        private readonly Instrument _instrument;
        private readonly HashSet<string> _isolatedOwners = new(StringComparer.Ordinal);
        private Price _mark;
        private int _accounts;

        public Replay(Instrument instrument, DepthCurve liquidity, Price open)
        {
            _instrument = instrument;
            _mark = open;
            Execute(new ListInstrument(instrument, "ringfence", liquidity));
            Execute(new UpdateMarkPrice(Symbol, open));
        }

        public MarginEngine Engine { get; } = new();

        public SortedDictionary<string, int> Counts { get; } = new(StringComparer.Ordinal)
        {
            ["mark commands"] = 0, ["LiquidationStarted"] = 0, ["partial PositionLiquidated"] = 0, ["full PositionLiquidated"] = 0,
            ["InsuranceFundChanged"] = 0, ["BankruptcyGapCovered"] = 0, ["AutoDeleveraged"] = 0, ["BackstopAbsorbed"] = 0,
            ["MarginToppedUp"] = 0, ["cross or pod liquidated"] = 0, ["Sweep disagreements"] = 0,
        };

        public int PositionCount => Engine.TakeSnapshot().Positions.Count;

        public int Accounts => _accounts;

        /// <summary>
        /// Opens <paramref name="pairs"/> trades between two new isolated traders each (a few of them with auto top-up),
        /// plus cross accounts and pods trading against new isolated traders, all at the current mark ± up to 100 USDT.
        /// </summary>
        public void OpenBook(Random random, int pairs, int crossAccounts, int pods)
        {
            for (var i = 0; i < pairs + crossAccounts + pods; i++)
            {
                var price = _mark + Price.FromWhole(random.Next(-100, 101));
                var notional = Notionals[random.Next(Notionals.Length)];
                var lots = Math.Max(1, notional * 1_000 / (price.Units / FixedPoint.Scale));
                var quantity = Quantity.FromUnits(lots * Quantity.Parse("0.001").Units);
                var tierMax = _instrument.Tiers.ForNotional(_instrument.Contract.Notional(quantity, price, Rounding.Up)).MaxLeverage!.Value;
                var buyerIsTrader = random.Next(2) == 0;

                var trader = NewTrader(random, quantity, price, tierMax);
                TradeSide other;
                if (i < pairs)
                {
                    other = NewTrader(random, quantity, price, tierMax);
                }
                else
                {
                    // Cross accounts and pods run 5–20× on collateral 1.3 × their initial margin.
                    var leverage = Leverage.Min(tierMax, Leverage.FromWhole(SharedLeverages[random.Next(SharedLeverages.Length)]));
                    var initial = _instrument.Contract.Notional(quantity, price, Rounding.Up).DivideBy(leverage, Rounding.Up);
                    var collateral = initial.MultiplyBy(Rate.Parse("1.3"), Rounding.Up);
                    var id = NewAccount(collateral);
                    if (i < pairs + crossAccounts)
                    {
                        other = new TradeSide(id, MarginScope.Cross, leverage);
                    }
                    else
                    {
                        Execute(new CreatePod(id, "book"));
                        Execute(new FundPod(id, "book", Usdt, collateral));
                        other = new TradeSide(id, MarginScope.InPod("book"), leverage);
                    }
                }

                Execute(buyerIsTrader ? new Trade(Symbol, price, quantity, trader, other) : new Trade(Symbol, price, quantity, other, trader));
            }

            // A tenth of the isolated traders of this batch enable auto top-up, capped at a fifth of their margin.
            foreach (var position in Engine.View().Positions.Where(p => p.Scope == MarginScope.Isolated && p.TopUp == AutoTopUp.Off && _isolatedOwners.Contains(p.Account.Value)))
            {
                if (random.Next(10) == 0)
                {
                    Execute(new SetAutoTopUp(position.Account, Symbol, true, position.Margin.MultiplyBy(Rate.Parse("0.2"), Rounding.Down)));
                }
            }
        }

        public void Mark(Price mark)
        {
            if (mark == _mark)
            {
                return;
            }

            _mark = mark;
            var result = Execute(new UpdateMarkPrice(Symbol, mark));
            Counts["mark commands"]++;
            foreach (var e in result.Events)
            {
                switch (e)
                {
                    case LiquidationStarted started:
                        Counts["LiquidationStarted"]++;
                        Counts["cross or pod liquidated"] += started.Scope.Kind == MarginScopeKind.Isolated ? 0 : 1;
                        break;
                    case PositionLiquidated { Partial: true }: Counts["partial PositionLiquidated"]++; break;
                    case PositionLiquidated: Counts["full PositionLiquidated"]++; break;
                    case InsuranceFundChanged changed:
                        Assert.NotEqual(Money.Zero, changed.Change);
                        Counts["InsuranceFundChanged"]++;
                        break;
                    case BankruptcyGapCovered: Counts["BankruptcyGapCovered"]++; break;
                    case AutoDeleveraged: Counts["AutoDeleveraged"]++; break;
                    case BackstopAbsorbed: Counts["BackstopAbsorbed"]++; break;
                    case MarginToppedUp: Counts["MarginToppedUp"]++; break;
                }
            }

            // Isolation: an isolated trader's free balance only ever pays its own auto top-ups.
            var topUps = result.Events.OfType<MarginToppedUp>().Sum(t => t.Amount.Units);
            var fromTraders = result.Postings.Where(p => p.From is { Kind: LedgerAccountKind.Free } from && _isolatedOwners.Contains(from.Owner)).ToList();
            Assert.All(fromTraders, p => Assert.Equal(LedgerAccountKind.PositionMargin, p.To?.Kind));
            Assert.True(topUps == fromTraders.Sum(p => p.Amount.Units), $"mark {mark}: isolated free balances paid {fromTraders.Sum(p => p.Amount.Units)} units for {topUps} of top-ups");

            // The index and the full scan agree, and no isolated position is left liquidatable.
            var sweep = Assert.IsType<SweepCompleted>(Assert.Single(Execute(new Sweep(Symbol)).Events));
            Counts["Sweep disagreements"] += sweep.Disagreements;
            Assert.True(sweep.Disagreements == 0 && sweep.Liquidatable == 0, $"after mark {mark}: {sweep}");
        }

        private static long[] Geometric(long first, int count)
        {
            var values = new long[count];
            values[0] = first;
            for (var k = 1; k < count; k++)
            {
                values[k] = values[k - 1] * 105 / 100;
            }

            return values;
        }

        private TradeSide NewTrader(Random random, Quantity quantity, Price price, Leverage tierMax)
        {
            var leverage = Leverage.Min(tierMax, Leverage.FromWhole(Leverages[random.Next(Leverages.Length)]));
            var margin = _instrument.Contract.Notional(quantity, price, Rounding.Up).DivideBy(leverage, Rounding.Up);
            var id = NewAccount(margin.MultiplyBy(Rate.Parse("1.5"), Rounding.Up));
            _isolatedOwners.Add(id.Value);
            return new TradeSide(id, MarginScope.Isolated, leverage);
        }

        private AccountId NewAccount(Money deposit)
        {
            var id = AccountId.Create($"t{++_accounts:D4}");
            Execute(new CreateAccount(id));
            Execute(new Deposit(id, Usdt, deposit));
            return id;
        }

        /// <summary>Executes a command that must be accepted, then checks conservation and zero-sum open interest.</summary>
        private ExecutionResult Execute(Command command)
        {
            var result = Engine.Execute(command);
            Assert.True(result.Accepted, $"{command} was rejected: {result.Rejection?.Code} {result.Rejection?.Reason}");
            Assert.All(Engine.Audit(), audit => Assert.True(audit.Balances, $"{audit.Asset} does not balance after {command}"));
            var open = Engine.TakeSnapshot().Positions.Where(p => p.Key.Symbol == Symbol).Sum(p => p.Side == PositionSide.Long ? p.Quantity.Units : -p.Quantity.Units);
            Assert.True(open == 0, $"open interest is not zero-sum after {command}: longs − shorts = {Quantity.FromUnits(open)}");
            return result;
        }
    }
}
