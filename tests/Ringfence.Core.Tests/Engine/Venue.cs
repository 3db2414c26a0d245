using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Engine.Views;
using Ringfence.Core.Instruments;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Tests.Engine;

/// <summary>
/// A small venue for handler tests: alice (with a sub-account), bob and a market maker with USDT, and BTCUSDT under the
/// Ringfence profile — tick 0.1, lot 0.001, flat maintenance rate 0.5%, up to 100× — marked at 20,000.
/// </summary>
internal static class Venue
{
    public const string Btcusdt = "BTCUSDT";

    public const string Btcusd = "BTCUSD";

    public const string Ethusdt = "ETHUSDT";

    public static AccountId Alice { get; } = AccountId.Create("alice");

    public static AccountId AliceSub { get; } = AccountId.Create("alice.sub");

    public static AccountId Bob { get; } = AccountId.Create("bob");

    public static AccountId Maker { get; } = AccountId.Create("mm");

    public static Asset Usdt { get; } = Asset.Create("USDT");

    public static Asset Btc { get; } = Asset.Create("BTC");

    /// <summary>
    /// BTCUSDT, linear, taker fee 0.055% and maker fee 0.02% (charged only when a trade names its aggressor), liquidation
    /// fee 0.5% unless given.
    /// </summary>
    public static Instrument Linear(RiskTierTable? tiers = null, Rate? liquidationFee = null) => Instrument.Create(Btcusdt, InstrumentKind.Perpetual, "BTC", "USDT", "USDT",
        ContractSpec.Linear(), Price.Parse("0.1"), Quantity.Parse("0.001"), Rate.Parse("0.0002"), Rate.Parse("0.00055"), liquidationFee ?? Rate.Parse("0.005"),
        tiers ?? RiskTierTable.Flat(Rate.Parse("0.005"), maxLeverage: Leverage.FromWhole(100)));

    /// <summary>ETHUSDT, linear, tick 0.01, lot 0.01, no trading fees, liquidation fee 0.5%, flat 0.5%, up to 100×.</summary>
    public static Instrument Ether() => Instrument.Create(Ethusdt, InstrumentKind.Perpetual, "ETH", "USDT", "USDT",
        ContractSpec.Linear(), Price.Parse("0.01"), Quantity.Parse("0.01"), Rate.Zero, Rate.Zero, Rate.Parse("0.005"),
        RiskTierTable.Flat(Rate.Parse("0.005"), maxLeverage: Leverage.FromWhole(100)));

    /// <summary>
    /// A three-tier table in the Bybit style: up to 10,000 MMR 1% (50×), up to 20,000 MMR 2% (25×, maintenance amount
    /// 10,000 × 1% = 100), up to 50,000 MMR 4% (10×, 100 + 20,000 × 2% = 500).
    /// </summary>
    public static RiskTierTable ThreeTiers() => RiskTierTable.Create(
    [
        new RiskTierSpec(Money.FromWhole(10_000), Rate.Parse("0.01"), MaxLeverage: Leverage.FromWhole(50)),
        new RiskTierSpec(Money.FromWhole(20_000), Rate.Parse("0.02"), MaxLeverage: Leverage.FromWhole(25)),
        new RiskTierSpec(Money.FromWhole(50_000), Rate.Parse("0.04"), MaxLeverage: Leverage.FromWhole(10)),
    ]);

    /// <summary>BTCUSD, inverse, 100 USD contracts settled in BTC, tick 0.5, lot 1, flat 0.5%, up to 100×, no fees.</summary>
    public static Instrument Inverse() => Instrument.Create(Btcusd, InstrumentKind.Perpetual, "BTC", "USD", "BTC",
        ContractSpec.Inverse(Quantity.FromWhole(100)), Price.Parse("0.5"), Quantity.FromWhole(1), Rate.Zero, Rate.Zero, Rate.Parse("0.005"),
        RiskTierTable.Flat(Rate.Parse("0.005"), maxLeverage: Leverage.FromWhole(100)));

    /// <summary>
    /// The venue with 10,000 USDT each for alice and bob and 1,000,000 for the maker; BTCUSDT (or the given instrument)
    /// under the Ringfence profile (or the given one), with no liquidity model (or the given one), marked at 20,000
    /// (or the given mark).
    /// </summary>
    public static MarginEngine Open(Instrument? instrument = null, string profile = "ringfence", DepthCurve? liquidity = null, Price? mark = null, IPodMarginModel? podModel = null)
    {
        var engine = new MarginEngine(podModel);
        var listed = instrument ?? Linear();
        engine.AcceptAll(
            new CreateAccount(Alice), new CreateAccount(AliceSub, Alice), new CreateAccount(Bob), new CreateAccount(Maker),
            new Deposit(Alice, Usdt, Money.FromWhole(10_000)), new Deposit(Bob, Usdt, Money.FromWhole(10_000)),
            new Deposit(Maker, Usdt, Money.FromWhole(1_000_000)),
            new ListInstrument(listed, profile, liquidity), new UpdateMarkPrice(listed.Symbol, mark ?? Price.FromWhole(20_000)));
        return engine;
    }

    /// <summary>Lists ETHUSDT (<see cref="Ether"/>) under the Ringfence profile, marked at 1,000.</summary>
    public static void ListEther(this MarginEngine engine) =>
        engine.AcceptAll(new ListInstrument(Ether(), "ringfence"), new UpdateMarkPrice(Ethusdt, Price.FromWhole(1_000)));

    /// <summary>A cross side with an explicit leverage.</summary>
    public static TradeSide Cross(AccountId account, int leverage) => new(account, MarginScope.Cross, Leverage.FromWhole(leverage));

    /// <summary>Executes a mark price update that must be accepted.</summary>
    public static ExecutionResult Mark(this MarginEngine engine, string price, string symbol = Btcusdt) =>
        engine.Accept(new UpdateMarkPrice(symbol, Price.Parse(price)));

    /// <summary>The insurance fund of an instrument.</summary>
    public static Money Fund(this MarginEngine engine, string symbol = Btcusdt) => engine.View().InsuranceFunds[symbol];

    public static TradeSide Isolated(AccountId account, int leverage) => new(account, MarginScope.Isolated, Leverage.FromWhole(leverage));

    /// <summary>An isolated side that names neither leverage nor margin: how an existing position is increased or reduced.</summary>
    public static TradeSide Isolated(AccountId account) => new(account, MarginScope.Isolated);

    public static TradeSide Cross(AccountId account) => new(account, MarginScope.Cross);

    public static TradeSide InPod(AccountId account, string pod, int? leverage = null) =>
        new(account, MarginScope.InPod(pod), leverage is { } l ? Leverage.FromWhole(l) : null);

    /// <summary>A matched BTCUSDT trade (quantity and price as decimal text), without fees.</summary>
    public static Trade Match(string quantity, string price, TradeSide buyer, TradeSide seller, string symbol = Btcusdt) =>
        new(symbol, Price.Parse(price), Quantity.Parse(quantity), buyer, seller);

    public static ExecutionResult Accept(this MarginEngine engine, Command command)
    {
        var result = engine.Execute(command);
        Assert.True(result.Accepted, $"{command} was rejected: {result.Rejection?.Code} {result.Rejection?.Reason}");
        Assert.All(engine.Audit(), audit => Assert.True(audit.Balances, $"{audit.Asset} does not balance after {command}"));
        return result;
    }

    public static void AcceptAll(this MarginEngine engine, params Command[] commands)
    {
        foreach (var command in commands)
        {
            engine.Accept(command);
        }
    }

    /// <summary>Executes a command that must be rejected with <paramref name="code"/>, and checks that it changed nothing.</summary>
    public static CommandRejected Reject(this MarginEngine engine, Command command, string code)
    {
        var before = engine.Hash();
        var result = engine.Execute(command);
        Assert.False(result.Accepted, $"{command} was accepted");
        Assert.Equal(code, result.Rejection!.Code);
        Assert.Equal(before, engine.Hash());
        return result.Rejection;
    }

    /// <summary>An account's free balance.</summary>
    public static Money Free(this MarginEngine engine, AccountId account, Asset? asset = null) =>
        engine.View().Accounts.Single(a => a.Id == account).Balances.GetValueOrDefault(asset ?? Usdt);

    public static PositionView Position(this MarginEngine engine, AccountId account, MarginScope scope, string symbol = Btcusdt) =>
        Assert.Single(engine.View().Positions, p => p.Account == account && p.Symbol == symbol && p.Scope == scope);

    public static bool HasPosition(this MarginEngine engine, AccountId account, MarginScope scope, string symbol = Btcusdt) =>
        engine.View().Positions.Any(p => p.Account == account && p.Symbol == symbol && p.Scope == scope);

    /// <summary>A pod's figures in USDT (or the given asset).</summary>
    public static PodAssetView Pod(this MarginEngine engine, AccountId account, string pod, Asset? asset = null) =>
        Assert.Single(Assert.Single(engine.View().Pods, p => p.Account == account && p.Name == pod).Assets, a => a.Asset == (asset ?? Usdt));
}
