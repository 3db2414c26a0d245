using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Tests.Engine.Generation;

/// <summary>The values random commands are made of: names from the world (sometimes unknown ones), amounts, leverages, prices.</summary>
internal static class RandomValues
{
    /// <summary>The largest amount there is: beyond any balance, and it overflows when added to anything.</summary>
    public static Money Huge { get; } = Money.FromUnits(long.MaxValue);

    public static Gen<AccountId> Account(World world) =>
        Gen.Frequency((97, Gen.Elements<AccountId>(world.Accounts)), (3, Gen.Constant(World.Stranger)));

    /// <summary>
    /// Mostly a side of an earlier trade in <paramref name="scope"/> (the position may well exist), otherwise any account
    /// and symbol.
    /// </summary>
    public static Gen<(AccountId Account, string Symbol)> PositionIn(World world, GenerationState state, MarginScopeKind scope)
    {
        var traded = state.TradedSides.Where(k => k.Scope.Kind == scope).Select(k => (k.Account, k.Symbol)).ToList();
        var any = from account in Account(world) from symbol in Symbol(world) select (account, symbol);
        return traded.Count == 0 ? any : Gen.Frequency((85, Gen.Elements<(AccountId, string)>(traded)), (15, any));
    }

    public static Gen<Listing> ListedInstrument(World world) => Gen.Elements<Listing>(world.Listings);

    /// <summary>A listed symbol, or now and then one that is not listed.</summary>
    public static Gen<string> Symbol(World world) =>
        Gen.Frequency((95, ListedInstrument(world).Select(l => l.Symbol)), (5, Gen.Constant(World.UnlistedSymbol)));

    /// <summary>The settle asset of <paramref name="symbol"/> (USDT for an unlisted one).</summary>
    public static Asset SettleAssetOf(World world, string symbol) =>
        world.Listings.FirstOrDefault(l => l.Symbol == symbol)?.SettleAsset ?? Asset.Create("USDT");

    /// <summary>A settle asset of the world, or now and then one nobody holds.</summary>
    public static Gen<Asset> HeldAsset(World world) =>
        Gen.Frequency((96, Gen.Elements<Asset>(world.Assets)), (4, Gen.Constant(Asset.Create("ETH"))));

    /// <summary>
    /// A pod name commands use, mostly the one every account starts with (the other exists once created), or now and then
    /// one no command creates.
    /// </summary>
    public static Gen<string> PodName =>
        Gen.Frequency((70, Gen.Constant(World.PodNames[0])), (26, Gen.Elements<string>(World.PodNames)), (4, Gen.Constant("nowhere")));

    /// <summary>An everyday amount of <paramref name="asset"/>: 0.0001 to 2 BTC, 1 to 50,000 of anything else.</summary>
    public static Gen<Money> UsualAmount(Asset asset) => asset.Code == "BTC"
        ? Draw.SpreadBetween(10_000, 200_000_000).Select(Money.FromUnits)
        : Draw.SpreadBetween(100, 5_000_000).Select(cents => Money.FromUnits(cents * 1_000_000));

    /// <summary>Mostly an everyday amount; sometimes zero, negative or huge.</summary>
    public static Gen<Money> Amount(Asset asset) => Gen.Frequency(
        (88, UsualAmount(asset)),
        (4, Gen.Constant(Money.Zero)),
        (4, UsualAmount(asset).Select(a => -a)),
        (4, Gen.Constant(Huge)));

    /// <summary>A valid leverage, rarely one below 1.</summary>
    public static Gen<Leverage> LeverageSetting => Gen.Frequency(
        (97, ValidLeverage),
        (3, Gen.Constant(Leverage.Parse("0.5"))));

    /// <summary>A round leverage, or any whole one from 1 to 100.</summary>
    public static Gen<Leverage> ValidLeverage => Gen.Frequency(
        (70, Gen.Elements(1, 2, 3, 5, 10, 20, 25, 50, 75, 100).Select(l => Leverage.FromWhole(l))),
        (30, Draw.Between(1, 100).Select(Leverage.FromWhole)));

    /// <summary>Isolated, cross or one of the pods.</summary>
    public static Gen<MarginScope> AnyScope => Gen.Frequency(
        (60, Gen.Constant(MarginScope.Isolated)),
        (20, Gen.Constant(MarginScope.Cross)),
        (20, PodName.Select(MarginScope.InPod)));

    /// <summary><paramref name="price"/> moved by <paramref name="basisPoints"/>, rounded down to the tick, at least one tick.</summary>
    public static Price Moved(Price price, int basisPoints, Price tick) =>
        Price.Max(tick, Price.FromUnits((long)((Int128)price.Units * (10_000 + basisPoints) / 10_000)).RoundTo(tick, Rounding.Down));

    /// <summary>No aggressor (no fees), the buyer or the seller.</summary>
    public static Gen<TradeAggressor?> Aggressor => Gen.Elements<TradeAggressor?>(null, TradeAggressor.Buyer, TradeAggressor.Seller);
}
