using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Ledger;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Handlers;

/// <summary>Listing instruments, moving their mark price (which runs the liquidation waterfall), and the full sweep.</summary>
internal static class MarketHandler
{
    public static void Execute(CommandContext context, ListInstrument command)
    {
        var symbol = command.Instrument.Symbol;
        if (!context.Require(!context.State.TryGetMarket(symbol, out _), RejectionCodes.DuplicateInstrument, $"instrument '{symbol}' is listed")
            || !context.Require(VenueProfiles.TryFind(command.Profile, out var profile), RejectionCodes.UnknownProfile,
                $"no profile '{command.Profile}' (known: {string.Join(", ", VenueProfiles.All.Select(p => p.Name))})")
            || !context.Require(Asset.TryCreate(command.Instrument.SettleAsset, out var settle), RejectionCodes.InvalidValue,
                $"'{command.Instrument.SettleAsset}' is not an asset code"))
        {
            return;
        }

        var indexRule = (command.IndexRule ?? Market.DefaultIndexRule).Validate();
        var guard = command.PriceBand is { } band ? new Pricing.PriceJumpGuard(band).Validate() : null;
        context.State.PutMarket(new Market(command.Instrument, profile, null)
        {
            Liquidity = command.Liquidity ?? Liquidation.DepthCurve.None,
            IndexRule = indexRule,
            Guard = guard,
            Execution = command.Execution,
        });
        context.Emit(new InstrumentListed(symbol, command.Instrument.Contract.Type, settle, profile.Name));
    }

    public static void Execute(CommandContext context, UpdateMarkPrice command)
    {
        if (!context.TryMarket(command.Symbol, out var market)
            || !context.Require(command.Price.IsPositive, RejectionCodes.InvalidValue, $"a mark price must be positive, not {command.Price}"))
        {
            return;
        }

        ApplyMark(context, market, command.Price);
    }

    public static void Execute(CommandContext context, UpdateIndexPrice command)
    {
        if (!context.TryMarket(command.Symbol, out var market)
            || !context.Require(command.Price.IsPositive, RejectionCodes.InvalidValue, $"an index price must be positive, not {command.Price}")
            || !context.Require(Accounts.Identifier.IsValid(command.Source, 64), RejectionCodes.InvalidValue, $"'{command.Source}' is not a valid source name"))
        {
            return;
        }

        if ((command.Time ?? context.State.LastTime) is not { } now)
        {
            context.Fail(RejectionCodes.InvalidValue, "an index price needs a time (the engine reads no clock)");
            return;
        }

        var quotes = new SortedDictionary<string, Pricing.IndexQuote>(market.IndexQuotes.ToDictionary(q => q.Key, q => q.Value), StringComparer.Ordinal)
        {
            [command.Source] = new Pricing.IndexQuote(command.Source, command.Price, now),
        };
        var result = market.IndexRule.Aggregate(quotes.Values, now);
        market = market with { IndexQuotes = quotes, Index = result.Index ?? market.Index };
        context.State.PutMarket(market);
        if (result.Index is not { } index)
        {
            context.Emit(new IndexPriceHeld(command.Symbol, result.Explanation));
            return;
        }

        context.Emit(new IndexPriceUpdated(command.Symbol, index, result.Used.Count, result.Dropped.Count));
        var interval = market.Profile.FundingRule.Interval;
        var intoInterval = TimeSpan.FromTicks((now - DateTimeOffset.UnixEpoch).Ticks % interval.Ticks);
        var mark = market.Profile.MarkPriceRule.Mark(new Pricing.MarkPriceInputs(index, market.LastFundingRate, interval - intoInterval));
        ApplyMark(context, market, mark.RoundTo(market.Instrument.TickSize, Rounding.Down) is { IsPositive: true } onTick ? onTick : mark);
    }

    /// <summary>The jump guard (if any) decides; an accepted mark is set and the liquidation waterfall runs.</summary>
    private static void ApplyMark(CommandContext context, Market market, Price price)
    {
        if (market.Guard is { } guard)
        {
            var decision = guard.Offer(price);
            market = market with { Guard = decision.Next };
            if (!decision.IsAccepted)
            {
                context.State.PutMarket(market);
                context.Emit(new MarkPriceHeld(market.Symbol, price, decision.Outcome.ToString(), decision.Reason));
                return;
            }
        }

        market = market with { Mark = price };
        context.State.PutMarket(market);
        context.Emit(new MarkPriceUpdated(market.Symbol, price));
        new Liquidator(context).OnMarkPrice(market, price);
    }

    /// <summary>The full scan: every isolated position checked exactly, and compared with what the index offers.</summary>
    public static void Execute(CommandContext context, Sweep command)
    {
        if (!context.TryMarket(command.Symbol, out var market))
        {
            return;
        }

        if (market.Mark is not { } mark)
        {
            context.Fail(RejectionCodes.NoMarkPrice, $"'{command.Symbol}' has no mark price to sweep at");
            return;
        }

        var candidates = new HashSet<PositionKey>(context.State.Index.Crossed(command.Symbol, mark));
        int positions = 0, liquidatable = 0, disagreements = 0;
        foreach (var position in context.State.PositionsIn(command.Symbol).Where(p => p.Key.Scope.Kind == MarginScopeKind.Isolated))
        {
            positions++;
            if (market.Model.IsLiquidatable(context.Valuation.Isolated(position, market), mark))
            {
                liquidatable++;
                disagreements += candidates.Contains(position.Key) ? 0 : 1;
            }
        }

        context.Emit(new SweepCompleted(command.Symbol, positions, liquidatable, disagreements));
    }
}
