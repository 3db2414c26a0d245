using Microsoft.AspNetCore.Http.HttpResults;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using Ringfence.Server.Api.Resources;
using Ringfence.Server.Auth;
using Ringfence.Server.Engine;

namespace Ringfence.Server.Api.Endpoints;

/// <summary><c>/v1/accounts</c>: accounts, balances, deposits, withdrawals, transfers.</summary>
internal static class AccountEndpoints
{
    public static void Map(IEndpointRouteBuilder routes)
    {
        var group = routes.MapGroup("/v1/accounts").WithTags("accounts");
        group.MapGet("/", List).RequireAuthorization(Roles.Accounts).WithName("listAccounts");
        group.MapPost("/", Create).RequireAuthorization(Roles.Accounts).WithName("createAccount");
        group.MapGet("/{account}", Get).RequireAuthorization(Roles.Accounts).WithName("getAccount");
        group.MapPost("/{account}/deposits", Deposit).RequireAuthorization(Roles.AdminOrVenue).WithName("deposit");
        group.MapPost("/{account}/withdrawals", Withdraw).RequireAuthorization(Roles.Traders).WithName("withdraw");
        group.MapPost("/{account}/transfers", Transfer).RequireAuthorization(Roles.Traders).WithName("transfer");
    }

    private static async Task<Ok<Page<AccountSummaryResource>>> List(HttpContext context, EngineGateway gateway, int? limit, string? cursor)
    {
        var caller = Caller.Of(context.User);
        var size = Paging.Limit(limit);
        var accounts = await gateway.ReadAsync(engine => engine.Queries.Accounts()
            .Where(a => caller.MaySee(a.Id, a.Parent))
            .Select(a => new AccountSummaryResource(a.Id.Value, a.Parent?.Value))
            .ToList()).ConfigureAwait(false);
        return TypedResults.Ok(Paging.Page(accounts, a => a.Account, size, cursor));
    }

    private static async Task<Created<AccountResource>> Create(HttpContext context, EngineGateway gateway)
    {
        var caller = Caller.Of(context.User);
        var command = (CreateAccount)await RequestBody.ReadCommandAsync(context, "createAccount").ConfigureAwait(false);
        if (caller.Role == Role.Trader && command.Parent != caller.Account)
        {
            // A trader opens sub-accounts of its own account only.
            throw ProblemException.InvalidField("parent", $"a trader key opens sub-accounts of its own account: set parent to {caller.Account}");
        }

        await gateway.ExecuteAsync(command, context.RequestAborted).ConfigureAwait(false);
        var resource = await gateway.ReadAsync(engine => Resource(engine, command.Account)).ConfigureAwait(false);
        return TypedResults.Created($"/v1/accounts/{command.Account}", resource);
    }

    private static async Task<Ok<AccountResource>> Get(HttpContext context, EngineGateway gateway, string account)
    {
        var caller = Caller.Of(context.User);
        var id = Access.Account(account);
        var resource = await gateway.ReadAsync(engine => Access.MaySee(engine, caller, id) ? Resource(engine, id) : null).ConfigureAwait(false);
        return TypedResults.Ok(resource ?? throw ProblemException.NotFound($"account {account}"));
    }

    private static Task<Ok<AccountResource>> Deposit(HttpContext context, EngineGateway gateway, string account) =>
        Move(context, gateway, account, "deposit", [("account", account)]);

    private static Task<Ok<AccountResource>> Withdraw(HttpContext context, EngineGateway gateway, string account) =>
        Move(context, gateway, account, "withdraw", [("account", account)]);

    private static Task<Ok<AccountResource>> Transfer(HttpContext context, EngineGateway gateway, string account) =>
        Move(context, gateway, account, "transfer", [("from", account)]);

    private static async Task<Ok<AccountResource>> Move(HttpContext context, EngineGateway gateway, string account, string type, (string Name, string Value)[] fromPath)
    {
        var caller = Caller.Of(context.User);
        var id = Access.Account(account);
        if (caller.Role == Role.Trader)
        {
            await Access.RequireActingForAsync(gateway, caller, id, $"account {account}").ConfigureAwait(false);
        }
        else
        {
            // Admin and venue act for any account that exists; an unknown one is the engine's UNKNOWN_ACCOUNT (404).
            await Access.RequireVisibleAsync(gateway, caller, id, $"account {account}").ConfigureAwait(false);
        }

        var command = await RequestBody.ReadCommandAsync(context, type, fromPath).ConfigureAwait(false);
        if (command is Core.Engine.Commands.Transfer transfer && caller.Role == Role.Trader)
        {
            // The receiving side must be one of the trader's own accounts too; another account is "not found".
            await Access.RequireVisibleAsync(gateway, caller, transfer.To, $"account {transfer.To}").ConfigureAwait(false);
        }

        await gateway.ExecuteAsync(command, context.RequestAborted).ConfigureAwait(false);
        return TypedResults.Ok(await gateway.ReadAsync(engine => Resource(engine, id)).ConfigureAwait(false));
    }

    /// <summary>The account's resource (on the engine thread).</summary>
    public static AccountResource Resource(MarginEngine engine, AccountId id)
    {
        var queries = engine.Queries;
        var parent = (queries.Account(id) ?? throw ProblemException.NotFound($"account {id}")).Parent;
        var balances = new List<BalanceResource>();
        var cross = new List<CrossMarginResource>();
        foreach (var (asset, free, locked, equity) in Balances(engine, id))
        {
            balances.Add(new BalanceResource(asset.ToString(), free.ToString(), locked.ToString(), equity.ToString()));
            var figures = queries.Cross(id, asset);
            cross.Add(new CrossMarginResource(asset.ToString(), figures.Collateral.ToString(), figures.UnrealizedPnl.ToString(), figures.Equity.ToString(),
                figures.InitialMargin.ToString(), figures.MaintenanceMargin.ToString(), figures.Available.ToString()));
        }

        return new AccountResource(id.Value, parent?.Value, balances, cross);
    }

    /// <summary>
    /// The account's money per asset it holds a balance or a position in (on the engine thread): free, locked in
    /// isolated positions and pods, and equity (free + locked + every position's unrealized PnL).
    /// </summary>
    public static IReadOnlyList<(Asset Asset, Money Free, Money Locked, Money Equity)> Balances(MarginEngine engine, AccountId id)
    {
        var queries = engine.Queries;
        var view = queries.AccountBalances(id) ?? throw ProblemException.NotFound($"account {id}");
        var positions = queries.PositionKeysOf(id).Select(k => queries.Position(k)!).ToList();
        var podCollateral = queries.PodsOf(id).Select(pod => queries.Pod(pod)!).SelectMany(p => p.Assets).ToList();
        var assets = new SortedSet<Asset>(view.Balances.Keys.Concat(positions.Select(p => p.Asset)));
        var balances = new List<(Asset, Money, Money, Money)>(assets.Count);
        foreach (var asset in assets)
        {
            var free = view.Balances.GetValueOrDefault(asset);
            var inAsset = positions.Where(p => p.Asset == asset).ToList();
            var locked = inAsset.Where(p => p.Scope == MarginScope.Isolated).Aggregate(Money.Zero, (sum, p) => sum + p.Margin)
                + podCollateral.Where(a => a.Asset == asset).Aggregate(Money.Zero, (sum, a) => sum + a.Collateral);
            var pnl = inAsset.Aggregate(Money.Zero, (sum, p) => sum + p.UnrealizedPnl);
            balances.Add((asset, free, locked, free + locked + pnl));
        }

        return balances;
    }
}
