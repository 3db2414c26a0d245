using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Instruments;
using Ringfence.Core.Liquidation;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using static Ringfence.Core.Tests.Engine.Generation.RandomValues;

namespace Ringfence.Core.Tests.Engine.Generation;

/// <summary>
/// Draws the next command of a random sequence: every kind the engine knows, mostly sensible and often deliberately
/// wrong (unknown names, zero, negative or huge amounts, removing too much, self trades, off-tick prices, times that go
/// back), sometimes carrying a time or a client id, and sometimes a re-sent earlier command.
/// </summary>
internal static class RandomCommands
{
    /// <summary>How often each kind of command comes up; only the generator of the kind drawn is built.</summary>
    private static readonly Gen<Func<World, GenerationState, Gen<Command>>> Kinds = Gen.Frequency(
        new (int, Func<World, GenerationState, Gen<Command>>)[]
        {
            (30, Trade),
            (18, MarkMove),
            (3, (world, _) => Sweep(world)),
            (6, (world, _) => Funding(world)),
            (5, (world, _) => Deposit(world)),
            (5, (world, _) => Withdraw(world)),
            (4, (world, _) => Transfer(world)),
            (5, AddMargin),
            (5, RemoveMargin),
            (4, SetLeverage),
            (5, SetAutoTopUp),
            (3, (world, _) => CreatePod(world)),
            (4, (world, _) => FundPod(world)),
            (3, (world, _) => DefundPod(world)),
            (4, MovePositionToPod),
            (2, (world, _) => Administrative(world)),
            (4, LiquidationFill),
            (2, IndexPrice),
            (2, FundingSample),
            (1, (world, _) => SettleFunding(world)),
        }.Select(kind => (kind.Item1, Gen.Constant(kind.Item2))));

    /// <summary>
    /// The command after those in <paramref name="state"/>: usually a fresh one; now and then one sent before with a
    /// client id, or a fresh one under a client id already used.
    /// </summary>
    public static Gen<Command> Next(World world, GenerationState state)
    {
        var fresh = from command in AnyKind(world, state)
                    from decorated in WithTimeAndId(command, state)
                    select decorated;
        var sentWithId = state.Commands.Where(c => c.ClientId is not null).ToList();
        if (sentWithId.Count == 0)
        {
            return fresh;
        }

        return Gen.Frequency(
            (94, fresh),
            (5, Gen.Elements<Command>(sentWithId)),
            (1, from command in AnyKind(world, state)
                from reused in Gen.Elements<Command>(sentWithId)
                select command with { ClientId = reused.ClientId }));
    }

    private static Gen<Command> AnyKind(World world, GenerationState state) => Kinds.SelectMany(kind => kind(world, state));

    private static Gen<Command> WithTimeAndId(Command command, GenerationState state) =>
        from time in Gen.Frequency(
            (70, Gen.Constant<DateTimeOffset?>(null)),
            (27, Gen.Choose(0, 3_600).Select(s => (DateTimeOffset?)state.Clock.AddSeconds(s))),
            (3, Gen.Choose(1, 600).Select(s => (DateTimeOffset?)state.Clock.AddSeconds(-s))))
        from withId in Gen.Frequency((80, Gen.Constant(false)), (20, Gen.Constant(true)))
        select command with { Time = time, ClientId = withId ? $"c{state.Commands.Count}" : null };

    /// <summary>
    /// Most trades are clean (they may still fail on the state); one in five has exactly one deliberate flaw. One in ten
    /// is large (0.4–4 million USD), so that positions reach the higher risk tiers that partial liquidation steps down.
    /// </summary>
    private static Gen<Command> Trade(World world, GenerationState state) =>
        from flaw in Gen.Frequency((80, Gen.Constant(TradeFlaw.None)), (20, Gen.Elements(Enum.GetValues<TradeFlaw>().Skip(1))))
        from listing in ListedInstrument(world)
        from price in TradePrice(listing, state.Marks[listing.Symbol])
        from dollars in Gen.Frequency((90, Draw.SpreadBetween(20, 400_000)), (10, Draw.Between(400_000, 4_000_000)))
        let quantity = TradeQuantity(listing, price, flaw == TradeFlaw.HugeQuantity ? 5_000_000_000L : dollars)
        from buyer in Gen.Elements<AccountId>(world.Accounts)
        from seller in Gen.Elements<AccountId>(world.Accounts).Where(a => a != buyer)
        from buyerSide in Side(buyer, listing, price, quantity)
        from sellerSide in Side(seller, listing, price, quantity)
        from aggressor in Aggressor
        let lot = listing.Instrument.LotSize
        select (Command)new Trade(
            flaw == TradeFlaw.UnlistedSymbol ? World.UnlistedSymbol : listing.Symbol,
            flaw == TradeFlaw.OffTick ? price + Price.FromUnits(listing.Instrument.TickSize.Units / 2) : price,
            flaw switch
            {
                TradeFlaw.ZeroQuantity => Quantity.Zero,
                TradeFlaw.OffLot => quantity + Quantity.FromUnits(lot.Units / 2),
                _ => quantity,
            },
            flaw switch
            {
                TradeFlaw.UnknownBuyer => buyerSide with { Account = World.Stranger },
                TradeFlaw.UnknownPod => buyerSide with { Scope = MarginScope.InPod("nowhere"), Margin = null },
                _ => buyerSide,
            },
            flaw switch
            {
                TradeFlaw.SelfTrade => sellerSide with { Account = buyer },
                TradeFlaw.LeverageBelowOne => sellerSide with { Leverage = Leverage.Parse("0.5") },
                _ => sellerSide,
            },
            aggressor);

    /// <summary>
    /// On the tick, mostly within 0.2% of the mark, otherwise within 2% (a highly leveraged side filled that far from the
    /// mark may be past its bankruptcy price at the next mark).
    /// </summary>
    private static Gen<Price> TradePrice(Listing listing, Price mark) =>
        Gen.Frequency((60, Gen.Choose(-20, 20)), (40, Gen.Choose(-200, 200))).Select(basisPoints => Moved(mark, basisPoints, listing.Instrument.TickSize));

    /// <summary>The whole number of lots (at least one) worth about <paramref name="dollars"/> USD.</summary>
    private static Quantity TradeQuantity(Listing listing, Price price, long dollars)
    {
        var lot = listing.Instrument.LotSize;
        var dollarsPerLot = listing.IsInverse
            ? (decimal)lot.Units * listing.Instrument.Contract.Size.Units / FixedPoint.Scale / FixedPoint.Scale
            : (decimal)lot.Units * price.Units / FixedPoint.Scale / FixedPoint.Scale;
        return Quantity.FromUnits(Math.Max(1L, (long)(dollars / dollarsPerLot)) * lot.Units);
    }

    /// <summary>
    /// One side of a trade: isolated with a leverage, with an explicit margin (1% to 100% of the notional), with neither
    /// (fine for an existing position, a MARGIN_SPECIFICATION for a new one) or with both; cross; or a pod.
    /// </summary>
    private static Gen<TradeSide> Side(AccountId account, Listing listing, Price price, Quantity quantity)
    {
        var notional = listing.Instrument.Contract.Notional(quantity, price, Rounding.Up);
        var margin = Draw.Between(1, 100).Select(percent => notional.MultiplyBy(Rate.FromUnits(percent * 1_000_000), Rounding.Up));
        var pod = Gen.Frequency((75, Gen.Constant(World.PodNames[0])), (25, Gen.Elements<string>(World.PodNames)));
        return Gen.Frequency(
            (38, ValidLeverage.Select(l => new TradeSide(account, MarginScope.Isolated, l))),
            (10, margin.Select(m => new TradeSide(account, MarginScope.Isolated, Margin: m))),
            (4, Gen.Constant(new TradeSide(account, MarginScope.Isolated))),
            (1, from l in ValidLeverage from m in margin select new TradeSide(account, MarginScope.Isolated, l, m)),
            (13, Gen.Constant(new TradeSide(account, MarginScope.Cross))),
            (4, ValidLeverage.Select(l => new TradeSide(account, MarginScope.Cross, l))),
            (15, pod.Select(name => new TradeSide(account, MarginScope.InPod(name)))),
            (3, from name in pod from l in ValidLeverage select new TradeSide(account, MarginScope.InPod(name), l)));
    }

    /// <summary>
    /// The mark moves on the tick: by up to ±0.5%, ±3%, now and then by 3%–10% and rarely by 10%–40% (through bankruptcy
    /// prices, so that gaps, the insurance fund and deleveraging come up); or, four times in ten, to just around the
    /// liquidation window of an isolated side of an earlier trade (between its bankruptcy and liquidation prices, or a
    /// little either side), so that positions are liquidated against the backstop, pay fees and forfeits into the
    /// insurance fund, and step down the tiers; rarely an unknown symbol or a price that is not positive.
    /// </summary>
    private static Gen<Command> MarkMove(World world, GenerationState state) =>
        from listing in ListedInstrument(world)
        from target in Gen.Frequency(
            (60, from basisPoints in Gen.Frequency(
                    (40, Gen.Choose(-50, 50)),
                    (35, Gen.Choose(-300, 300)),
                    (17, from size in Gen.Choose(300, 1_000) from sign in Draw.Sign select size * sign),
                    (8, from size in Gen.Choose(1_000, 4_000) from sign in Draw.Sign select size * sign))
                select Moved(state.Marks[listing.Symbol], basisPoints, listing.Instrument.TickSize)),
            (40, TowardsLiquidation(listing, state)))
        from flaw in Gen.Frequency((93, Gen.Constant(0)), (4, Gen.Constant(1)), (3, Gen.Constant(2)))
        select (Command)(flaw switch
        {
            1 => new UpdateMarkPrice(World.UnlistedSymbol, target),
            2 => new UpdateMarkPrice(listing.Symbol, -target),
            _ => new UpdateMarkPrice(listing.Symbol, target),
        });

    /// <summary>
    /// A price near where an isolated side of an earlier trade in <paramref name="listing"/> is liquidated: its bankruptcy
    /// price (entry moved against it by its margin fraction, 1 ÷ leverage) moved back by −0.2% to +1.5% of the entry, mostly
    /// by up to 0.6% — past bankruptcy, inside the maintenance band, or just short of it. Without such a trade, a small move.
    /// </summary>
    private static Gen<Price> TowardsLiquidation(Listing listing, GenerationState state)
    {
        var sides = state.Commands.OfType<Trade>()
            .Where(t => t.Symbol == listing.Symbol && t.Price.IsPositive && t.Quantity.IsPositive)
            .SelectMany(t => new[] { (Trade: t, Side: t.Buyer, Long: true), (Trade: t, Side: t.Seller, Long: false) })
            .Where(s => s.Side.Scope.Kind == MarginScopeKind.Isolated && (s.Side.Leverage is not null || s.Side.Margin is not null))
            .Select(s =>
            {
                var fraction = s.Side.Leverage is { } leverage
                    ? 1m / Math.Max(1m, (decimal)leverage.Units / FixedPoint.Scale)
                    : Math.Min(1m, (decimal)s.Side.Margin!.Value.Units / Math.Max(1L, listing.Instrument.Contract.Notional(s.Trade.Quantity, s.Trade.Price, Rounding.Up).Units));
                return (s.Trade.Price, s.Long, Fraction: fraction, Notional: listing.Instrument.Contract.Notional(s.Trade.Quantity, s.Trade.Price, Rounding.Up));
            })
            .ToList();
        if (sides.Count == 0)
        {
            return Gen.Choose(-50, 50).Select(basisPoints => Moved(state.Marks[listing.Symbol], basisPoints, listing.Instrument.TickSize));
        }

        // Now and then one of the largest sides, which may sit above the first risk tier and so be liquidated in steps.
        var largest = sides.OrderByDescending(s => s.Notional).Take(3).ToList();
        return from side in Gen.Frequency((70, Gen.Elements<(Price Entry, bool Long, decimal Fraction, Money Notional)>(sides)), (30, Gen.Elements<(Price Entry, bool Long, decimal Fraction, Money Notional)>(largest)))
               from basisPoints in Gen.Frequency((10, Gen.Choose(-20, 0)), (10, Gen.Choose(-2, 2)), (60, Gen.Choose(0, 60)), (20, Gen.Choose(60, 150)))
               let away = side.Fraction - (basisPoints / 10_000m)
               let factor = side.Long ? 1m - away : 1m + away
               let units = (long)Math.Clamp(side.Entry.Units * factor, 1m, long.MaxValue / 2)
               select Price.Max(listing.Instrument.TickSize, Price.FromUnits(units).RoundTo(listing.Instrument.TickSize, Rounding.Down));
    }

    /// <summary>The full scan of a listed instrument's isolated positions against the liquidation index; rarely an unlisted symbol.</summary>
    private static Gen<Command> Sweep(World world) => Symbol(world).Select(symbol => (Command)new Sweep(symbol));

    /// <summary>Everyday rates up to ±0.3%, large ones up to ±60% (payers run out of collateral), zero, and rates of ±1 or beyond.</summary>
    private static Gen<Command> Funding(World world) =>
        from symbol in Symbol(world)
        from rate in Gen.Frequency(
            (80, Gen.Choose(-30, 30).Select(basisPoints => Rate.FromUnits(basisPoints * 10_000L))),
            (8, Gen.Choose(-60, 60).Select(percent => Rate.FromUnits(percent * 1_000_000L))),
            (4, Gen.Constant(Rate.Zero)),
            (4, Gen.Elements(Rate.One, -Rate.One, Rate.Parse("1.5"))))
        select (Command)new ApplyFundingRate(symbol, rate);

    /// <summary>
    /// A quote from one of three sources within 1% of the mark (the index, and through the profile's mark rule the mark,
    /// follow it), now and then from a source with an invalid name or at a price that is not positive. Without a time
    /// on the command or before it, it is refused (the engine reads no clock).
    /// </summary>
    private static Gen<Command> IndexPrice(World world, GenerationState state) =>
        from listing in ListedInstrument(world)
        from source in Gen.Frequency((32, Gen.Elements("binance", "okx", "coinbase")), (1, Gen.Constant("not a source")))
        from basisPoints in Gen.Choose(-100, 100)
        from flaw in Gen.Frequency((95, Gen.Constant(false)), (5, Gen.Constant(true)))
        let price = Moved(state.Marks[listing.Symbol], basisPoints, listing.Instrument.TickSize)
        select (Command)new UpdateIndexPrice(listing.Symbol, source, flaw ? -price : price);

    /// <summary>Impact bid and ask around the mark (a premium or a discount), sometimes crossed (refused).</summary>
    private static Gen<Command> FundingSample(World world, GenerationState state) =>
        from listing in ListedInstrument(world)
        from bidPoints in Gen.Choose(-40, 30)
        from width in Gen.Frequency((90, Gen.Choose(1, 20)), (10, Gen.Choose(-10, -1)))
        let mark = state.Marks[listing.Symbol]
        select (Command)new RecordFundingSample(listing.Symbol,
            Moved(mark, bidPoints, listing.Instrument.TickSize), Moved(mark, bidPoints + width, listing.Instrument.TickSize));

    /// <summary>Settles the premium samples since the last settlement (refused when there are none).</summary>
    private static Gen<Command> SettleFunding(World world) => Symbol(world).Select(symbol => (Command)new SettleFunding(symbol));

    private static Gen<Command> Deposit(World world) =>
        from account in Account(world)
        from asset in HeldAsset(world)
        from amount in Amount(asset)
        select (Command)new Deposit(account, asset, amount);

    private static Gen<Command> Withdraw(World world) =>
        from account in Account(world)
        from asset in HeldAsset(world)
        from amount in Amount(asset)
        select (Command)new Withdraw(account, asset, amount);

    /// <summary>Mostly between the parent and its sub-account (either way); otherwise between any two accounts.</summary>
    private static Gen<Command> Transfer(World world) =>
        from related in Gen.Frequency((65, Gen.Constant(true)), (35, Gen.Constant(false)))
        from downward in Gen.Elements(true, false)
        from source in related ? Gen.Constant(downward ? world.Parent : world.SubAccount) : Account(world)
        from destination in related ? Gen.Constant(downward ? world.SubAccount : world.Parent) : Account(world)
        from asset in HeldAsset(world)
        from amount in Amount(asset)
        select (Command)new Transfer(source, destination, asset, amount);

    private static Gen<Command> AddMargin(World world, GenerationState state) =>
        from position in PositionIn(world, state, MarginScopeKind.Isolated)
        let account = position.Account
        let symbol = position.Symbol
        from amount in Amount(SettleAssetOf(world, symbol))
        select (Command)new AddMargin(account, symbol, amount);

    private static Gen<Command> RemoveMargin(World world, GenerationState state) =>
        from position in PositionIn(world, state, MarginScopeKind.Isolated)
        let account = position.Account
        let symbol = position.Symbol
        from amount in Amount(SettleAssetOf(world, symbol))
        select (Command)new RemoveMargin(account, symbol, amount);

    private static Gen<Command> SetLeverage(World world, GenerationState state) =>
        from scope in AnyScope
        from position in PositionIn(world, state, scope.Kind)
        from leverage in LeverageSetting
        select (Command)new SetLeverage(position.Account, position.Symbol, leverage, scope);

    private static Gen<Command> SetAutoTopUp(World world, GenerationState state) =>
        from position in PositionIn(world, state, MarginScopeKind.Isolated)
        let account = position.Account
        let symbol = position.Symbol
        from enabled in Gen.Frequency((75, Gen.Constant(true)), (25, Gen.Constant(false)))
        from cap in Gen.Frequency(
            (90, UsualAmount(SettleAssetOf(world, symbol))),
            (5, Gen.Constant(Money.Zero)),
            (5, UsualAmount(SettleAssetOf(world, symbol)).Select(c => -c)))
        select (Command)new SetAutoTopUp(account, symbol, enabled, cap);

    private static Gen<Command> CreatePod(World world) =>
        from account in Account(world)
        from pod in Gen.Frequency((95, PodName), (5, Gen.Constant("not a pod")))
        select (Command)new CreatePod(account, pod);

    private static Gen<Command> FundPod(World world) =>
        from account in Account(world)
        from pod in PodName
        from asset in HeldAsset(world)
        from amount in Amount(asset)
        select (Command)new FundPod(account, pod, asset, amount);

    private static Gen<Command> DefundPod(World world) =>
        from account in Account(world)
        from pod in PodName
        from asset in HeldAsset(world)
        from amount in Amount(asset)
        select (Command)new DefundPod(account, pod, asset, amount);

    private static Gen<Command> MovePositionToPod(World world, GenerationState state) =>
        from position in PositionIn(world, state, MarginScopeKind.Isolated)
        from pod in PodName
        select (Command)new MovePositionToPod(position.Account, position.Symbol, pod);

    /// <summary>
    /// A fill from the external matching engine, mostly for a side of an earlier trade in an externally liquidated
    /// instrument (its position may be in liquidation, or not, or gone): the side's whole quantity, a part or one lot,
    /// at the mark moved by −3% to +3%, taken by another account (cross, or isolated at 10×), now and then by the owner.
    /// </summary>
    private static Gen<Command> LiquidationFill(World world, GenerationState state)
    {
        var external = world.Listings.Where(l => l.Execution == LiquidationExecution.External).Select(l => l.Symbol).ToHashSet(StringComparer.Ordinal);
        var sides = state.TradedSides.Where(k => external.Contains(k.Symbol)).ToList();
        var side = sides.Count == 0
            ? from account in Account(world) from symbol in Symbol(world) from scope in AnyScope select new PositionKey(account, symbol, scope)
            : Gen.Elements<PositionKey>(sides);
        return from key in side
               let listing = world.Listings.FirstOrDefault(l => l.Symbol == key.Symbol) ?? world.Listings[0]
               let traded = state.Commands.OfType<Trade>().LastOrDefault(t => t.Symbol == key.Symbol && (t.Buyer.Account == key.Account || t.Seller.Account == key.Account))
               let lot = listing.Instrument.LotSize
               from share in Gen.Frequency((50, Gen.Constant(100)), (35, Gen.Choose(1, 99)), (15, Gen.Constant(0)))
               let quantity = traded is null || share == 0
                   ? lot
                   : Quantity.FromUnits(Math.Max(1L, traded.Quantity.Units / lot.Units * share / 100) * lot.Units)
               from basisPoints in Gen.Choose(-300, 300)
               from taker in Gen.Frequency((90, Gen.Elements<AccountId>(world.Accounts).Where(a => a != key.Account)), (10, Gen.Constant(key.Account)))
               from cross in Gen.Frequency((70, Gen.Constant(true)), (30, Gen.Constant(false)))
               select (Command)new LiquidationFill(key.Symbol, key.Account, key.Scope,
                   Moved(state.Marks.GetValueOrDefault(listing.Symbol, listing.OpeningMark), basisPoints, listing.Instrument.TickSize), quantity,
                   cross ? new TradeSide(taker, MarginScope.Cross) : new TradeSide(taker, MarginScope.Isolated, Leverage.FromWhole(10)));
    }

    /// <summary>Accounts and listings again: duplicates, an unknown parent, an unknown profile, and one late account.</summary>
    private static Gen<Command> Administrative(World world) =>
        from listing in ListedInstrument(world)
        from account in Gen.Elements<AccountId>(world.Accounts)
        from which in Gen.Choose(0, 4)
        select which switch
        {
            0 => (Command)new CreateAccount(account),
            1 => new CreateAccount(AccountId.Create("orphan"), World.Stranger),
            2 => new CreateAccount(AccountId.Create("latecomer"), account),
            3 => new ListInstrument(listing.Instrument, listing.Profile),
            _ => new ListInstrument(listing.Instrument with { Symbol = "XRPUSDT" }, "nowhere"),
        };
}
