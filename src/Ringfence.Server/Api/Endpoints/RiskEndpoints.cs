using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http.HttpResults;
using Ringfence.Core.Positions;
using Ringfence.Server.Api.Resources;
using Ringfence.Server.Auth;
using Ringfence.Server.Engine;
using Ringfence.Server.ReadModels;

namespace Ringfence.Server.Api.Endpoints;

/// <summary>Insurance funds, the liquidation log and the auto-deleveraging queue.</summary>
internal static class RiskEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        routes.MapGet("/v1/insurance-funds", Funds).RequireAuthorization(Roles.Any).WithTags("risk").WithName("listInsuranceFunds");
        routes.MapGet("/v1/liquidations", Liquidations).RequireAuthorization(Roles.Accounts).WithTags("risk").WithName("listLiquidations");
        routes.MapGet("/v1/adl", Adl).RequireAuthorization(Roles.Accounts).WithTags("risk").WithName("listAdlRanks");
    }

    private static async Task<Ok<Page<InsuranceFundResource>>> Funds(EngineGateway gateway, CommittedViews views)
    {
        if (views.Markets() is { } markets && views.InsuranceFunds() is { } balances)
        {
            return TypedResults.Ok(new Page<InsuranceFundResource>([.. markets.Select(m => new InsuranceFundResource(m.Symbol, m.SettleAsset.ToString(), balances.GetValueOrDefault(m.Symbol).ToString()))], null));
        }

        var funds = await gateway.ReadAsync(engine => engine.Queries.Markets()
            .Select(m => new InsuranceFundResource(m.Symbol, m.SettleAsset.ToString(), engine.Queries.InsuranceFund(m.Symbol).ToString()))
            .ToList()).ConfigureAwait(false);
        return TypedResults.Ok(new Page<InsuranceFundResource>(funds, null));
    }

    private static async Task<Ok<Page<JsonObject>>> Liquidations(HttpContext context, EngineGateway gateway, LiquidationLog log, string? symbol, string? account, int? limit, string? cursor)
    {
        var caller = Caller.Of(context.User);
        var size = Paging.Limit(limit);
        IReadOnlySet<string>? accounts = null;
        if (account is not null)
        {
            var id = Access.Account(account);
            await Access.RequireVisibleAsync(gateway, caller, id, $"account {account}").ConfigureAwait(false);
            accounts = new HashSet<string>(StringComparer.Ordinal) { id.Value };
        }
        else if (caller.Role == Role.Trader)
        {
            accounts = (await gateway.ReadAsync(engine => Access.OwnAccounts(engine, caller.Account!.Value)).ConfigureAwait(false)).Select(a => a.Value).ToHashSet(StringComparer.Ordinal);
        }

        return TypedResults.Ok(log.Page(symbol, accounts, size, cursor));
    }

    private static async Task<Ok<Page<AdlRankResource>>> Adl(HttpContext context, EngineGateway gateway, CommittedViews views, string? symbol)
    {
        var caller = Caller.Of(context.User);
        var items = await gateway.ReadAsync(engine =>
        {
            var own = caller.Role == Role.Trader ? Access.OwnAccounts(engine, caller.Account!.Value).ToHashSet() : null;
            var symbols = symbol is null ? engine.Queries.Markets().Select(m => m.Symbol).ToList() : [symbol];
            return symbols
                .SelectMany(views.Ranks)
                .Where(r => own is null || own.Contains(r.Key.Account))
                .Select(r => (Rank: r, View: engine.Queries.Position(r.Key, r.Value)))
                .Where(r => r.View is not null)
                .Select(r => new AdlRankResource(ResourceIds.Of(r.Rank.Key), r.Rank.Key.Account.Value, r.Rank.Key.Symbol, r.View!.Side == Core.Margin.PositionSide.Long ? "long" : "short", r.Rank.Value))
                .OrderBy(r => r.Symbol, StringComparer.Ordinal).ThenBy(r => r.Side, StringComparer.Ordinal).ThenBy(r => r.Rank)
                .ToList();
        }).ConfigureAwait(false);
        return TypedResults.Ok(new Page<AdlRankResource>(items, null));
    }
}

/// <summary>A position's place in its instrument's auto-deleveraging queue on its side (1 = deleveraged first).</summary>
public sealed record AdlRankResource(string Position, string Account, string Symbol, string Side, int Rank);
