using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Cli.Bench;

/// <summary>
/// The one instrument every benchmark book trades, and the cross market maker on the other side of every trade.
/// BTCUSDT, linear, tick 0.1, lot 0.001, no trading fees, liquidation fee 0.5%, one flat tier (MMR 0.5%, at most 100×),
/// Binance profile, no liquidity model (the backstop takes liquidations at the mark). Every trade is at the mark
/// <see cref="Mark"/>, so every entry price is the mark and the maker's position is the net of the book.
/// </summary>
internal static class BenchMarket
{
    /// <summary>The instrument's symbol.</summary>
    public const string Symbol = "BTCUSDT";

    /// <summary>The venue profile.</summary>
    public const string Profile = "binance";

    /// <summary>The settle asset.</summary>
    public static Asset Usdt { get; } = Asset.Create("USDT");

    /// <summary>The mark every position opens at.</summary>
    public static Price Mark { get; } = Price.FromWhole(50_000);

    /// <summary>The other price of the quiet updates (+0.1%): inside every position's safe band, so nothing liquidates.</summary>
    public static Price QuietMark { get; } = Price.FromWhole(50_050);

    /// <summary>The cross market maker.</summary>
    public static AccountId Maker { get; } = AccountId.Create("mm");

    /// <summary>The maker's deposit: enough that its cross account is never near maintenance.</summary>
    public static Money MakerDeposit { get; } = Money.FromWhole(1_000_000_000);

    /// <summary>The maintenance margin rate of the flat tier.</summary>
    public static Rate MaintenanceRate { get; } = Rate.Parse("0.005");

    /// <summary>The instrument.</summary>
    public static Instrument Instrument { get; } = Instrument.Create(
        Symbol,
        InstrumentKind.Perpetual,
        "BTC",
        "USDT",
        "USDT",
        ContractSpec.Linear(),
        Price.Parse("0.1"),
        Quantity.Parse("0.001"),
        Rate.Zero,
        Rate.Zero,
        Rate.Parse("0.005"),
        RiskTierTable.Flat(MaintenanceRate, maxLeverage: Leverage.FromWhole(100)));

    /// <summary>The commands that list the instrument, fund the maker and set the mark.</summary>
    public static IReadOnlyList<Command> Header { get; } =
    [
        new ListInstrument(Instrument, Profile),
        new CreateAccount(Maker),
        new Deposit(Maker, Usdt, MakerDeposit),
        new UpdateMarkPrice(Symbol, Mark),
    ];

    /// <summary>The instrument as the engine holds it after <see cref="Header"/> (its margin model, its mark).</summary>
    public static Market Market => LazyMarket.Value;

    private static Lazy<Market> LazyMarket { get; } = new(() => HeaderEngine().TakeSnapshot().Markets.Single(m => m.Symbol == Symbol));

    /// <summary>A new engine with <see cref="Header"/> executed.</summary>
    public static MarginEngine HeaderEngine()
    {
        var engine = new MarginEngine();
        foreach (var command in Header)
        {
            Require(engine.Execute(command), command);
        }

        return engine;
    }

    /// <summary>Throws unless <paramref name="result"/> was accepted.</summary>
    public static void Require(ExecutionResult result, Command command)
    {
        if (!result.Accepted)
        {
            throw new InvalidOperationException($"{command.GetType().Name} was rejected: {result.Rejection!.Code}: {result.Rejection.Reason}");
        }
    }

    /// <summary>The trade that opens <paramref name="entry"/> against the maker at the mark.</summary>
    public static Trade Opening(BookEntry entry)
    {
        var own = new TradeSide(entry.Account, entry.Scope, entry.Scope.Kind == MarginScopeKind.Isolated ? entry.Leverage : null);
        var maker = new TradeSide(Maker, MarginScope.Cross);
        return entry.Side == Core.Margin.PositionSide.Long
            ? new Trade(Symbol, Mark, entry.Quantity, own, maker)
            : new Trade(Symbol, Mark, entry.Quantity, maker, own);
    }

    /// <summary>The leverage the engine gives a cross position opened without one: 20×, or the tier maximum if lower.</summary>
    public static Leverage DefaultCrossLeverage(Quantity quantity)
    {
        var notional = Instrument.Contract.Notional(quantity, Mark, Rounding.Up);
        var twenty = Leverage.FromWhole(20);
        return Instrument.Tiers.ForNotional(notional).MaxLeverage is { } max ? Leverage.Min(twenty, max) : twenty;
    }
}
