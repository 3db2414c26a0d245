using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Engine.Views;
using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;
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

    public static AccountId Alice { get; } = AccountId.Create("alice");

    public static AccountId AliceSub { get; } = AccountId.Create("alice.sub");

    public static AccountId Bob { get; } = AccountId.Create("bob");

    public static AccountId Maker { get; } = AccountId.Create("mm");

    public static Asset Usdt { get; } = Asset.Create("USDT");

    public static Asset Btc { get; } = Asset.Create("BTC");

    /// <summary>BTCUSDT, linear, taker fee 0.055% and maker fee 0.02% (charged only when a trade names its aggressor).</summary>
    public static Instrument Linear(RiskTierTable? tiers = null) => Instrument.Create(Btcusdt, InstrumentKind.Perpetual, "BTC", "USDT", "USDT",
        ContractSpec.Linear(), Price.Parse("0.1"), Quantity.Parse("0.001"), Rate.Parse("0.0002"), Rate.Parse("0.00055"), Rate.Parse("0.005"),
        tiers ?? RiskTierTable.Flat(Rate.Parse("0.005"), maxLeverage: Leverage.FromWhole(100)));

    /// <summary>BTCUSD, inverse, 100 USD contracts settled in BTC, tick 0.5, lot 1, flat 0.5%, up to 100×, no fees.</summary>
    public static Instrument Inverse() => Instrument.Create(Btcusd, InstrumentKind.Perpetual, "BTC", "USD", "BTC",
        ContractSpec.Inverse(Quantity.FromWhole(100)), Price.Parse("0.5"), Quantity.FromWhole(1), Rate.Zero, Rate.Zero, Rate.Parse("0.005"),
        RiskTierTable.Flat(Rate.Parse("0.005"), maxLeverage: Leverage.FromWhole(100)));

    /// <summary>The venue with 10,000 USDT each for alice and bob and 1,000,000 for the maker; BTCUSDT (or the given instrument) at 20,000.</summary>
    public static MarginEngine Open(Instrument? instrument = null)
    {
        var engine = new MarginEngine();
        var listed = instrument ?? Linear();
        engine.AcceptAll(
            new CreateAccount(Alice), new CreateAccount(AliceSub, Alice), new CreateAccount(Bob), new CreateAccount(Maker),
            new Deposit(Alice, Usdt, Money.FromWhole(10_000)), new Deposit(Bob, Usdt, Money.FromWhole(10_000)),
            new Deposit(Maker, Usdt, Money.FromWhole(1_000_000)),
            new ListInstrument(listed, "ringfence"), new UpdateMarkPrice(listed.Symbol, Price.FromWhole(20_000)));
        return engine;
    }

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
