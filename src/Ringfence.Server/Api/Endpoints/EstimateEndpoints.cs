using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Core.Serialization;
using Ringfence.Server.Auth;
using Ringfence.Server.Engine;

namespace Ringfence.Server.Api.Endpoints;

/// <summary>
/// What-if answers that change nothing: a position before it is opened, a margin change before it is made, and a
/// price shock run through the engine's own liquidation waterfall on a copy of the state.
/// </summary>
internal static class EstimateEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/estimate").WithTags("estimates");
        group.MapPost("/position", Position).RequireAuthorization(Roles.Accounts).WithName("estimatePosition");
        group.MapPost("/margin", Margin).RequireAuthorization(Roles.Accounts).WithName("estimateMargin");
        group.MapPost("/stress", Stress).RequireAuthorization(Roles.Accounts).WithName("estimateStress");
    }

    private static async Task<Ok<PositionEstimate>> Position(HttpContext context, EngineGateway gateway)
    {
        var caller = Caller.Of(context.User);
        var body = await RequestBody.ReadObjectAsync(context).ConfigureAwait(false);
        var request = RequestBody.Guard(() =>
        {
            var symbol = body.String("symbol");
            var side = body.String("side") switch
            {
                "long" or "buy" => PositionSide.Long,
                "short" or "sell" => PositionSide.Short,
                _ => throw body.Error("side", "must be long or short"),
            };
            var quantity = body.Positive<Quantity>("quantity");
            var price = body.Positive<Price>("price");
            var leverage = body.OptionalPositive<Leverage>("leverage");
            var margin = body.OptionalPositive<Money>("margin");
            var account = body.OptionalString("account");
            body.RejectUnknown();
            if (leverage.HasValue == margin.HasValue)
            {
                throw body.Error("leverage", "give a leverage or a margin (one of the two)");
            }

            AccountId? owner = account is null ? caller.Account : AccountId.TryCreate(account, out var id) ? id : throw body.Error("account", "not a valid account id");
            return (symbol, side, quantity, price, leverage, margin, owner);
        });
        var estimate = await gateway.ReadAsync(engine =>
        {
            if (request.owner is { } owner && !Access.MaySee(engine, caller, owner))
            {
                throw ProblemException.NotFound($"account {owner}");
            }

            var market = engine.Queries.Market(request.symbol) ?? throw ProblemException.NotFound($"instrument {InputExcerpt.Quote(request.symbol)}");
            var available = request.owner is { } who ? engine.Queries.Cross(who, market.SettleAsset).Available : (Money?)null;
            return Estimate(market, request.side, request.quantity, request.price, request.leverage, request.margin, available);
        }).ConfigureAwait(false);
        return TypedResults.Ok(estimate);
    }

    /// <summary>The figures of an isolated position opened now, as the engine's trade would open it.</summary>
    public static PositionEstimate Estimate(Market market, PositionSide side, Quantity quantity, Price price, Leverage? leverage, Money? margin, Money? available)
    {
        ArgumentNullException.ThrowIfNull(market);
        var model = market.Model;
        var instrument = market.Instrument;
        var contract = instrument.Contract;
        var notional = contract.Notional(quantity, price, Rounding.Up);
        var problems = new List<string>();
        string? code = null;
        if (!instrument.IsWholeLots(quantity))
        {
            (code, _) = (RejectionCodes.OffIncrement, 0);
            problems.Add($"quantity {quantity} is not a whole number of lots of {instrument.LotSize}");
        }

        if (!instrument.IsOnTick(price))
        {
            code ??= RejectionCodes.OffIncrement;
            problems.Add($"price {price} is not on the tick {instrument.TickSize}");
        }

        Money opening;
        Leverage used;
        if (leverage is { } lever)
        {
            if (model.CheckOpening(contract, quantity, price, lever) is { } rejection)
            {
                code ??= rejection.Code;
                problems.Add(rejection.Reason);
            }

            opening = model.InitialMargin(contract, side, quantity, price, lever);
            used = lever;
        }
        else
        {
            opening = margin!.Value;
            used = Leverage.Of(notional, opening, Rounding.Down);
        }

        var position = new IsolatedPosition(contract, side, quantity, price, opening);
        var tick = instrument.TickSize;
        var maxQuantity = available is { } free && used.IsPositive ? model.MaxQuantity(contract, side, price, free, used, instrument.LotSize) : (Quantity?)null;
        if (available is { } balance && opening > balance)
        {
            code ??= RejectionCodes.InsufficientBalance;
            problems.Add($"the initial margin {opening} is more than the {balance} {market.SettleAsset} available");
        }

        var liquidation = model.LiquidationPrice(position, tick);
        var bankruptcy = model.BankruptcyPrice(position, tick);
        var tier = model.TierAt(position, price);
        var why = $"isolated {(side == PositionSide.Long ? "long" : "short")} {quantity} {instrument.Symbol} at {price}: notional {notional} {market.SettleAsset}, initial margin {opening} at {used}x; "
            + $"tier {tier.Number} (maintenance rate {tier.MaintenanceRate}, amount {tier.MaintenanceAmount}) under the {market.Profile.Name} profile; "
            + (liquidation is { } at ? $"liquidated where equity meets maintenance, at {at}" : "no price liquidates it");
        return new PositionEstimate(
            instrument.Symbol,
            side == PositionSide.Long ? "long" : "short",
            quantity.ToString(),
            price.ToString(),
            used.ToString(),
            notional.ToString(),
            opening.ToString(),
            model.MaintenanceMargin(position, price).ToString(),
            liquidation?.ToString(),
            bankruptcy?.ToString(),
            tier.Number,
            maxQuantity?.ToString(),
            code is null,
            code,
            problems.Count == 0 ? why : $"{string.Join("; ", problems)}. {why}");
    }

    private static async Task<Ok<MarginEstimate>> Margin(HttpContext context, EngineGateway gateway)
    {
        var caller = Caller.Of(context.User);
        var body = await RequestBody.ReadObjectAsync(context).ConfigureAwait(false);
        var (id, add, amount) = RequestBody.Guard(() =>
        {
            var position = body.String("position");
            var (isAdd, value) = PositionEndpoints.MarginChange(body);
            return (position, isAdd, value);
        });
        var key = Access.Position(id);
        var estimate = await gateway.ReadAsync(engine =>
        {
            var view = Access.MaySee(engine, caller, key.Account) ? engine.Queries.Position(key) : null;
            if (view is null)
            {
                throw ProblemException.NotFound($"position {id}");
            }

            if (key.Scope != MarginScope.Isolated)
            {
                throw new ProblemException(StatusCodes.Status400BadRequest, RejectionCodes.NotApplicable, $"position {id} is not isolated");
            }

            var market = engine.Queries.Market(key.Symbol)!;
            var available = engine.Queries.Cross(key.Account, market.SettleAsset).Available;
            var removable = engine.Queries.MaxRemovableMargin(key);
            var (allowed, code, reason) = add
                ? amount <= available ? (true, (string?)null, (string?)null) : (false, RejectionCodes.InsufficientBalance, $"{amount} is more than the {available} {market.SettleAsset} available")
                : amount <= removable ? (true, null, null) : (false, RejectionCodes.RemoveExceedsMax, $"{amount} is more than the {removable} that may be removed");
            var margin = add ? view.Margin + amount : view.Margin - amount;
            var position = new IsolatedPosition(market.Instrument.Contract, view.Side, view.Quantity, view.EntryPrice, margin);
            var mark = view.MarkPrice ?? view.EntryPrice;
            return new MarginEstimate(id, add ? "add" : "remove", amount.ToString(), view.Margin.ToString(), margin.ToString(),
                view.LiquidationPrice?.ToString(), market.Model.LiquidationPrice(position, market.Instrument.TickSize)?.ToString(),
                view.MarginRatio?.ToString(), market.Model.MarginRatio(position, mark)?.ToString(), removable.ToString(), available.ToString(), allowed, code, reason);
        }).ConfigureAwait(false);
        return TypedResults.Ok(estimate);
    }

    private static async Task<Ok<StressEstimate>> Stress(HttpContext context, EngineGateway gateway)
    {
        var caller = Caller.Of(context.User);
        var body = await RequestBody.ReadObjectAsync(context).ConfigureAwait(false);
        var (account, moves) = RequestBody.Guard(() =>
        {
            var accountText = body.OptionalString("account") ?? caller.Account?.Value ?? throw body.Error("account", "missing field");
            var movesObject = body.Object("moves");
            var parsed = movesObject.Names().Select(symbol => (Symbol: symbol, Move: movesObject.Number<Rate>(symbol))).ToList();
            movesObject.RejectUnknown();
            body.RejectUnknown();
            if (parsed.Count == 0)
            {
                throw body.Error("moves", "give at least one instrument's move, e.g. {\"BTCUSDT\": \"-0.2\"}");
            }

            return (AccountId.TryCreate(accountText, out var id) ? id : throw body.Error("account", "not a valid account id"), parsed);
        });
        var snapshot = await gateway.ReadAsync(engine =>
        {
            if (!Access.MaySee(engine, caller, account))
            {
                throw ProblemException.NotFound($"account {account}");
            }

            foreach (var (symbol, move) in moves)
            {
                var market = engine.Queries.Market(symbol) ?? throw ProblemException.InvalidField($"moves.{symbol}", "unknown instrument");
                if (market.Mark is null)
                {
                    throw ProblemException.InvalidField($"moves.{symbol}", "the instrument has no mark price yet");
                }

                if (move.Units <= -FixedPoint.Scale)
                {
                    throw ProblemException.InvalidField($"moves.{symbol}", "a move must leave a positive price (above -1)");
                }
            }

            return (engine.TakeSnapshot(), engine.PodModel);
        }).ConfigureAwait(false);

        // The engine's own waterfall, on a copy restored from the committed state: the live state is never touched.
        return TypedResults.Ok(await Task.Run(() => RunStress(snapshot.Item1, snapshot.PodModel, account, moves), context.RequestAborted).ConfigureAwait(false));
    }

    private static StressEstimate RunStress(EngineSnapshot snapshot, Core.Pods.IPodMarginModel podModel, AccountId account, List<(string Symbol, Rate Move)> moves)
    {
        var copy = MarginEngine.Restore(snapshot, podModel);
        var before = copy.Queries.PositionKeysOf(account).Select(k => copy.Queries.Position(k)!).ToList();
        var equityBefore = Equity(copy, account);
        var marks = new List<StressMark>();
        var events = new List<JsonObject>();
        foreach (var (symbol, move) in moves)
        {
            var market = copy.Queries.Market(symbol)!;
            var from = market.Mark!.Value;
            var raw = (long)((Int128)from.Units * (FixedPoint.Scale + move.Units) / FixedPoint.Scale);
            var to = Price.FromUnits(Math.Max(raw, market.Instrument.TickSize.Units)).RoundTo(market.Instrument.TickSize, Rounding.Down);
            if (!to.IsPositive)
            {
                to = market.Instrument.TickSize;
            }

            var result = copy.Execute(new UpdateMarkPrice(symbol, to));
            if (result.Events.Any(e => e is MarkPriceHeld))
            {
                // A jump guard holds a move until the next update confirms it; the stress confirms it.
                result = copy.Execute(new UpdateMarkPrice(symbol, to));
            }

            marks.Add(new StressMark(symbol, from.ToString(), to.ToString()));
            events.AddRange(result.Events.Where(e => ReadModels.EventSubjects.AccountsOf(e).Contains(account)).Select(EventJson.ToJson));
        }

        var equityAfter = Equity(copy, account);
        var positions = before.Select(p =>
        {
            var key = new PositionKey(p.Account, p.Symbol, p.Scope);
            var after = copy.Queries.Position(key);
            var outcome = after is null ? "liquidated" : after.Quantity < p.Quantity ? "partial" : "safe";
            var loss = p.Scope == MarginScope.Isolated ? (p.Margin + p.UnrealizedPnl - (after is null ? Money.Zero : after.Margin + after.UnrealizedPnl)).ToString() : null;
            return new StressPosition(ResourceIds.Of(key), p.Symbol, p.Scope.ToString(), p.Side == PositionSide.Long ? "long" : "short", p.Quantity.ToString(),
                (after?.Quantity ?? Quantity.Zero).ToString(), p.LiquidationPrice?.ToString(), outcome, loss);
        }).ToList();
        var equity = equityBefore.Keys.Union(equityAfter.Keys).Order().Select(asset =>
        {
            var was = equityBefore.GetValueOrDefault(asset);
            var now = equityAfter.GetValueOrDefault(asset);
            return new StressEquity(asset.ToString(), was.ToString(), now.ToString(), (now - was).ToString());
        }).ToList();
        return new StressEstimate(account.Value, marks, positions, equity, events);
    }

    private static Dictionary<Asset, Money> Equity(MarginEngine engine, AccountId account) =>
        AccountEndpoints.Balances(engine, account).ToDictionary(b => b.Asset, b => b.Equity);
}

/// <summary>An isolated position's figures before it is opened.</summary>
/// <param name="Symbol">Instrument.</param>
/// <param name="Side"><c>long</c> or <c>short</c>.</param>
/// <param name="Quantity">Size.</param>
/// <param name="Price">Entry price.</param>
/// <param name="Leverage">The leverage given, or the one a given margin implies.</param>
/// <param name="Notional">Notional at the entry price.</param>
/// <param name="InitialMargin">The collateral the trade would lock.</param>
/// <param name="MaintenanceMargin">Maintenance at the entry price.</param>
/// <param name="LiquidationPrice">Where it would be liquidated, on the tick; null when no price does.</param>
/// <param name="BankruptcyPrice">Where its collateral would be exhausted; null when no price does.</param>
/// <param name="Tier">The risk tier at entry.</param>
/// <param name="MaxQuantity">With an account: the most it could open at this leverage from its available balance.</param>
/// <param name="Accepted">Whether the engine would open it now (tiers, lots, ticks and, with an account, the balance).</param>
/// <param name="Code">Why not, as the engine's rejection code; null when it would.</param>
/// <param name="Explanation">How the figures come about, and what stops the opening if anything does.</param>
public sealed record PositionEstimate(string Symbol, string Side, string Quantity, string Price, string Leverage, string Notional, string InitialMargin, string MaintenanceMargin,
    string? LiquidationPrice, string? BankruptcyPrice, int Tier, string? MaxQuantity, bool Accepted, string? Code, string Explanation);

/// <summary>An isolated position's figures after a margin change that is not made.</summary>
public sealed record MarginEstimate(string Position, string Type, string Amount, string Margin, string NewMargin, string? LiquidationPrice, string? NewLiquidationPrice,
    string? MarginRatio, string? NewMarginRatio, string MaxRemovable, string Available, bool Allowed, string? Code, string? Reason);

/// <summary>What a price shock would do to an account, run through the engine's waterfall on a copy.</summary>
public sealed record StressEstimate(string Account, IReadOnlyList<StressMark> Marks, IReadOnlyList<StressPosition> Positions, IReadOnlyList<StressEquity> Equity, IReadOnlyList<JsonObject> Events);

/// <summary>One instrument's mark before and after the shock.</summary>
public sealed record StressMark(string Symbol, string From, string To);

/// <summary>One position under the shock: <c>outcome</c> is <c>safe</c>, <c>partial</c> or <c>liquidated</c>; <c>loss</c> (isolated only) what its collateral and PnL lose.</summary>
public sealed record StressPosition(string Id, string Symbol, string Scope, string Side, string Quantity, string QuantityAfter, string? LiquidationPrice, string Outcome, string? Loss);

/// <summary>The account's equity in one asset before and after.</summary>
public sealed record StressEquity(string Asset, string Before, string After, string Change);
