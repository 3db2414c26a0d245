using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Instruments;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Tests.Engine.Generation;

/// <summary>
/// Random scenarios: 3–6 accounts (one a sub-account), one or two linear instruments and perhaps an inverse one, each
/// under a random venue profile with 1–3 risk tiers and perhaps a liquidity model; a set-up that funds and lists them
/// (and may seed their insurance funds with a first liquidation); then 20–80 random commands.
/// </summary>
internal static class RandomScenarios
{
    private static readonly string[] AccountNames = ["alice", "alice.sub", "bob", "carol", "dave", "erin"];

    private static readonly string[] Profiles = ["bybit", "binance", "ringfence", "okx"];

    public static Gen<Scenario> Scenarios =>
        from world in Worlds
        from setup in Setup(world)
        from count in Gen.Choose(20, 80)
        from steps in Sequence(world, count)
        from snapshotAt in Gen.Choose(0, setup.Count + count)
        select new Scenario(world, setup, steps, snapshotAt);

    /// <summary>
    /// Scenarios whose first instrument, and each other one with even odds, is liquidated by an external matching
    /// engine: liquidations become orders, and the steps include fills of them (and, being random, many fills of orders
    /// that do not exist).
    /// </summary>
    public static Gen<Scenario> ExternalScenarios =>
        from world in Worlds
        from external in Gen.CollectToList(world.Listings.Select((_, i) => i == 0 ? Gen.Constant(true) : Gen.Elements(true, false)))
        let externalWorld = world with
        {
            Listings = world.Listings.Zip(external, (l, e) => e ? l with { Execution = LiquidationExecution.External } : l).ToList(),
        }
        from setup in Setup(externalWorld)
        from count in Gen.Choose(20, 80)
        from steps in Sequence(externalWorld, count)
        from snapshotAt in Gen.Choose(0, setup.Count + count)
        select new Scenario(externalWorld, setup, steps, snapshotAt);

    /// <summary>
    /// Long scenarios for the golden outputs: a world (external liquidation on its first instrument when
    /// <paramref name="external"/>), its set-up, then <paramref name="count"/> random commands.
    /// </summary>
    public static Gen<Scenario> Long(int count, bool external) =>
        from world in Worlds
        let chosen = external
            ? world with { Listings = world.Listings.Select((l, i) => i == 0 ? l with { Execution = LiquidationExecution.External } : l).ToList() }
            : world
        from setup in Setup(chosen)
        from steps in Sequence(chosen, count)
        select new Scenario(chosen, setup, steps, 0);

    public static Gen<World> Worlds =>
        from accounts in Gen.Choose(3, 6)
        from linearCount in Gen.Choose(1, 2)
        from withInverse in Gen.Elements(true, false)
        from btc in Linear("BTCUSDT", "BTC", Price.Parse("0.1"), Quantity.Parse("0.001"), 15_000, 70_000)
        from eth in Linear("ETHUSDT", "ETH", Price.Parse("0.01"), Quantity.Parse("0.01"), 800, 4_000)
        from inverse in Inverse()
        select new World(
            AccountNames.Take(accounts).Select(AccountId.Create).ToList(),
            [btc, .. linearCount == 2 ? [eth] : Array.Empty<Listing>(), .. withInverse ? [inverse] : Array.Empty<Listing>()]);

    /// <summary>Draws <paramref name="count"/> commands one after the other, each from the state the previous ones left.</summary>
    public static Gen<IReadOnlyList<Command>> Sequence(World world, int count)
    {
        var states = Gen.Constant(GenerationState.Start(world));
        for (var i = 0; i < count; i++)
        {
            states = states.SelectMany(state => RandomCommands.Next(world, state).Select(state.After));
        }

        return states.Select(state => (IReadOnlyList<Command>)state.Commands);
    }

    /// <summary>
    /// Opens the accounts, funds each in every settle asset, gives each a pod (funded for about half of them), lists the
    /// instruments and sets their marks; for about half of the instruments, a first liquidation then seeds the insurance
    /// fund (see <see cref="SeedInsuranceFund"/>).
    /// </summary>
    private static Gen<IReadOnlyList<Command>> Setup(World world) =>
        from deposits in Gen.CollectToList(world.Accounts.SelectMany(account => world.Assets.Select(asset =>
            Opening(asset).Select(amount => new Deposit(account, asset, amount)))))
        from podShares in Gen.CollectToList(deposits.Select(_ => Gen.Elements(0, 0, 10, 25, 50)))
        from seeded in Gen.CollectToList(world.Listings.Select(_ => Gen.Elements(true, false)))
        let podFunding = deposits.Zip(podShares).Where(d => d.Second > 0).ToList()
        select (IReadOnlyList<Command>)
        [
            new CreateAccount(world.Parent),
            new CreateAccount(world.SubAccount, world.Parent),
            .. world.Accounts.Skip(2).Select(a => new CreateAccount(a)),
            .. deposits,
            .. world.Accounts.Select(a => new CreatePod(a, World.PodNames[0])),
            .. podFunding.Select(p => new FundPod(p.First.Account, World.PodNames[0], p.First.Asset,
                p.First.Amount.MultiplyBy(Rate.FromUnits(p.Second * 1_000_000L), Rounding.Down))),
            .. world.Listings.Select(l => new ListInstrument(l.Instrument, l.Profile, l.Liquidity) { Execution = l.Execution }),
            .. world.Listings.Select(l => new UpdateMarkPrice(l.Symbol, l.OpeningMark)),
            .. world.Listings.Zip(seeded).Where(l => l.Second).SelectMany(l => SeedInsuranceFund(world, l.First, deposits)),
        ];

    /// <summary>
    /// A first liquidation that seeds an instrument's insurance fund, so that later gaps can be paid from it: the parent
    /// account goes long at 10× against the third account's 10× short, for about twice the smaller of their deposits
    /// (a fifth of either is margin, so that the trade is accepted whatever the pods took; 10× is within every tier's
    /// maximum, and the notional within the largest cap); the mark drops into the long's maintenance band — half its
    /// maintenance rate plus the taker fee above its bankruptcy price — so the backstop takes the long (above the first
    /// tier, in steps) and its fee and remaining collateral go to the fund; then the mark returns. The backstop keeps what
    /// it took.
    /// </summary>
    private static IEnumerable<Command> SeedInsuranceFund(World world, Listing listing, IReadOnlyList<Deposit> deposits)
    {
        var (buyer, seller) = (world.Accounts[0], world.Accounts[2]);
        var instrument = listing.Instrument;
        var mark = listing.OpeningMark;
        var smaller = deposits.Where(d => d.Asset == listing.SettleAsset && (d.Account == buyer || d.Account == seller)).Min(d => (decimal)d.Amount.Units);
        var notional = Math.Min(2 * smaller, instrument.Tiers.MaxNotional is { } max ? 0.9m * max.Units : decimal.MaxValue);
        var tier = instrument.Tiers.ForNotional(Money.FromUnits((long)notional));
        var maintenanceRate = (decimal)tier.MaintenanceMargin(Money.FromUnits((long)notional)).Units / (long)notional;
        var price = (decimal)mark.Units / FixedPoint.Scale;
        var size = (decimal)instrument.Contract.Size.Units / FixedPoint.Scale;
        var quantity = (listing.IsInverse ? notional * price / size : notional / price) / FixedPoint.Scale;
        var lots = Math.Max(1L, (long)(quantity * FixedPoint.Scale / instrument.LotSize.Units));
        var band = (maintenanceRate / 2) + ((decimal)instrument.TakerFee.Units / FixedPoint.Scale);
        var inBand = Price.Max(instrument.TickSize, Price.FromUnits((long)(mark.Units * (0.9m + band))).RoundTo(instrument.TickSize, Rounding.Up));
        var tenTimes = Leverage.FromWhole(10);
        yield return new Trade(listing.Symbol, mark, Quantity.FromUnits(lots * instrument.LotSize.Units),
            new TradeSide(buyer, MarginScope.Isolated, tenTimes), new TradeSide(seller, MarginScope.Isolated, tenTimes));
        yield return new UpdateMarkPrice(listing.Symbol, inBand);
        yield return new UpdateMarkPrice(listing.Symbol, mark);
    }

    /// <summary>An opening deposit: 500 to 2,000,000 USDT, or 0.05 to 40 BTC.</summary>
    private static Gen<Money> Opening(Asset asset) => asset.Code == "BTC"
        ? Draw.SpreadBetween(5_000_000, 4_000_000_000).Select(Money.FromUnits)
        : Draw.SpreadBetween(500, 2_000_000).Select(Money.FromWhole);

    private static Gen<Listing> Linear(string symbol, string baseAsset, Price tick, Quantity lot, long lowPrice, long highPrice) =>
        from profile in Gen.Elements(Profiles)
        from tiers in Tiers(lowestCap: 20_000, highestFirstCap: 2_000_000)
        from fees in Fees
        from mark in Draw.Between(lowPrice, highPrice)
        from liquidity in Liquidity(firstNotional: Draw.SpreadBetween(20_000, 2_000_000).Select(Money.FromWhole))
        select new Listing(
            Instrument.Create(symbol, InstrumentKind.Perpetual, baseAsset, "USDT", "USDT", ContractSpec.Linear(), tick, lot,
                fees.Maker, fees.Taker, Rate.Parse("0.005"), tiers),
            profile,
            Price.FromWhole(mark),
            liquidity);

    /// <summary>BTCUSD, an inverse perpetual of 100 USD contracts that settles in BTC.</summary>
    private static Gen<Listing> Inverse() =>
        from profile in Gen.Elements(Profiles)
        from tiers in Tiers(lowestCap: 1, highestFirstCap: 50)
        from fees in Fees
        from mark in Draw.Between(15_000, 70_000)
        from liquidity in Liquidity(firstNotional: Draw.SpreadBetween(10_000_000, 5_000_000_000).Select(Money.FromUnits))
        select new Listing(
            Instrument.Create("BTCUSD", InstrumentKind.Perpetual, "BTC", "USD", "BTC", ContractSpec.Inverse(Quantity.FromWhole(100)),
                Price.Parse("0.5"), Quantity.FromWhole(1), fees.Maker, fees.Taker, Rate.Parse("0.005"), tiers),
            profile,
            Price.FromWhole(mark),
            liquidity);

    /// <summary>
    /// No liquidity model (the backstop takes positions at the mark) for about a third of the instruments; otherwise 1–3
    /// depth points {notional, impact}: the first notional as drawn (in the settle asset), growing 2–5× a point, impacts
    /// from 0.02%–0.5% rising 0.05%–1.5% a point (about the width of the maintenance band, so that the impact sometimes
    /// pushes an execution past the bankruptcy price), capped at the default 50% or at 5%–30%.
    /// </summary>
    private static Gen<DepthCurve?> Liquidity(Gen<Money> firstNotional) => Gen.Frequency(
        (35, Gen.Constant<DepthCurve?>(null)),
        (65,
            from count in Gen.Choose(1, 3)
            from first in firstNotional
            from growth in Gen.Choose(2, 5)
            from firstImpact in Gen.Choose(2, 50)
            from impactStep in Gen.Choose(5, 150)
            from cap in Gen.Elements<Rate?>(null, Rate.Parse("0.05"), Rate.Parse("0.1"), Rate.Parse("0.3"))
            select (DepthCurve?)DepthCurve.Create(
                Enumerable.Range(0, count).Select(i => (
                    Money.FromUnits(first.Units * (long)Math.Pow(growth, i)),
                    Rate.FromUnits((firstImpact + (i * impactStep)) * 10_000L))).ToList(),
                cap)));

    /// <summary>Maker fee (perhaps a rebate) and taker fee.</summary>
    private static Gen<(Rate Maker, Rate Taker)> Fees =>
        from maker in Gen.Elements(Rate.Parse("-0.0001"), Rate.Zero, Rate.Parse("0.0002"))
        from taker in Gen.Elements(Rate.Parse("0.0004"), Rate.Parse("0.00055"))
        select (maker, taker);

    /// <summary>
    /// 1–3 tiers: caps growing 2–5× from the first (the last one open or not), maintenance rates from 0.2%–1.5% rising
    /// 0.1%–1% a tier, maximum leverage from 50×–125× halving a tier.
    /// </summary>
    private static Gen<RiskTierTable> Tiers(long lowestCap, long highestFirstCap) =>
        from count in Gen.Choose(1, 3)
        from firstCap in Draw.SpreadBetween(lowestCap, highestFirstCap)
        from growth in Gen.Choose(2, 5)
        from firstRate in Gen.Choose(20, 150)
        from rateStep in Gen.Choose(10, 100)
        from maxLeverage in Gen.Elements(50L, 75L, 100L, 125L)
        from lastBounded in Gen.Elements(true, false)
        select RiskTierTable.Create(Enumerable.Range(0, count).Select(i => new RiskTierSpec(
            i < count - 1 || lastBounded ? Money.FromWhole(firstCap * (long)Math.Pow(growth, i)) : null,
            Rate.FromUnits((firstRate + (i * rateStep)) * 10_000L),
            MaxLeverage: Leverage.FromUnits((maxLeverage * FixedPoint.Scale) >> i))).ToList());
}
