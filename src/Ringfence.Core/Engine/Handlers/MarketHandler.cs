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
        CommandContext.Require(!context.State.TryGetMarket(symbol, out _), RejectionCodes.DuplicateInstrument, $"instrument '{symbol}' is listed");
        CommandContext.Require(VenueProfiles.TryFind(command.Profile, out var profile), RejectionCodes.UnknownProfile,
            $"no profile '{command.Profile}' (known: {string.Join(", ", VenueProfiles.All.Select(p => p.Name))})");
        CommandContext.Require(Asset.TryCreate(command.Instrument.SettleAsset, out var settle), RejectionCodes.InvalidValue,
            $"'{command.Instrument.SettleAsset}' is not an asset code");
        context.State.PutMarket(new Market(command.Instrument, profile, null) { Liquidity = command.Liquidity ?? Liquidation.DepthCurve.None });
        context.Emit(new InstrumentListed(symbol, command.Instrument.Contract.Type, settle, profile.Name));
    }

    public static void Execute(CommandContext context, UpdateMarkPrice command)
    {
        var market = context.Market(command.Symbol);
        CommandContext.Require(command.Price.IsPositive, RejectionCodes.InvalidValue, $"a mark price must be positive, not {command.Price}");
        market = market with { Mark = command.Price };
        context.State.PutMarket(market);
        context.Emit(new MarkPriceUpdated(command.Symbol, command.Price));

        new Liquidator(context).OnMarkPrice(market, command.Price);
    }

    /// <summary>The full scan: every isolated position checked exactly, and compared with what the index offers.</summary>
    public static void Execute(CommandContext context, Sweep command)
    {
        var market = context.Market(command.Symbol);
        var mark = market.Mark ?? throw CommandContext.Reject(RejectionCodes.NoMarkPrice, $"'{command.Symbol}' has no mark price to sweep at");
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
