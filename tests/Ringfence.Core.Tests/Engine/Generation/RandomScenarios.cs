using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Engine.Generation;

/// <summary>
/// Random scenarios: 3–6 accounts (one a sub-account), one or two linear instruments and perhaps an inverse one, each
/// under a random venue profile with 1–3 risk tiers; a set-up that funds and lists them; then 20–80 random commands.
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
    /// instruments and sets their marks.
    /// </summary>
    private static Gen<IReadOnlyList<Command>> Setup(World world) =>
        from deposits in Gen.CollectToList(world.Accounts.SelectMany(account => world.Assets.Select(asset =>
            Opening(asset).Select(amount => new Deposit(account, asset, amount)))))
        from podShares in Gen.CollectToList(deposits.Select(_ => Gen.Elements(0, 0, 10, 25, 50)))
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
            .. world.Listings.Select(l => new ListInstrument(l.Instrument, l.Profile)),
            .. world.Listings.Select(l => new UpdateMarkPrice(l.Symbol, l.OpeningMark)),
        ];

    /// <summary>An opening deposit: 500 to 2,000,000 USDT, or 0.05 to 40 BTC.</summary>
    private static Gen<Money> Opening(Asset asset) => asset.Code == "BTC"
        ? Draw.SpreadBetween(5_000_000, 4_000_000_000).Select(Money.FromUnits)
        : Draw.SpreadBetween(500, 2_000_000).Select(Money.FromWhole);

    private static Gen<Listing> Linear(string symbol, string baseAsset, Price tick, Quantity lot, long lowPrice, long highPrice) =>
        from profile in Gen.Elements(Profiles)
        from tiers in Tiers(lowestCap: 100_000, highestFirstCap: 3_000_000)
        from fees in Fees
        from mark in Draw.Between(lowPrice, highPrice)
        select new Listing(
            Instrument.Create(symbol, InstrumentKind.Perpetual, baseAsset, "USDT", "USDT", ContractSpec.Linear(), tick, lot,
                fees.Maker, fees.Taker, Rate.Parse("0.005"), tiers),
            profile,
            Price.FromWhole(mark));

    /// <summary>BTCUSD, an inverse perpetual of 100 USD contracts that settles in BTC.</summary>
    private static Gen<Listing> Inverse() =>
        from profile in Gen.Elements(Profiles)
        from tiers in Tiers(lowestCap: 5, highestFirstCap: 100)
        from fees in Fees
        from mark in Draw.Between(15_000, 70_000)
        select new Listing(
            Instrument.Create("BTCUSD", InstrumentKind.Perpetual, "BTC", "USD", "BTC", ContractSpec.Inverse(Quantity.FromWhole(100)),
                Price.Parse("0.5"), Quantity.FromWhole(1), fees.Maker, fees.Taker, Rate.Parse("0.005"), tiers),
            profile,
            Price.FromWhole(mark));

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
