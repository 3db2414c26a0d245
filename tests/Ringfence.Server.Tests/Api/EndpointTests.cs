using System.Net;
using System.Text.Json;
using Ringfence.Server.Auth;
using static Ringfence.Server.Tests.Http;

namespace Ringfence.Server.Tests.Api;

/// <summary>Every endpoint group on the seeded demo venue (docs/api.md), through the real application over SQLite.</summary>
#pragma warning disable CA1001 // xunit disposes of the server through IAsyncLifetime.DisposeAsync.
public sealed class EndpointTests : IAsyncLifetime
#pragma warning restore CA1001
{
    // Each test changes the venue, so each gets its own server and store.
    private readonly ServerFactory _server = new();
    private HttpClient _admin = null!;

    public async Task InitializeAsync()
    {
        _admin = await _server.ClientAsync(Role.Admin);
        await ServerFactory.SeedAsync(_admin);
    }

    public async Task DisposeAsync() => await _server.DisposeAsync();

    [Fact]
    public async Task Accounts_list_create_read_and_move_money()
    {
        var (status, page) = await GetAsync(_admin, "/v1/accounts?limit=2");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal(2, page.GetProperty("items").GetArrayLength());
        var next = page.GetProperty("next").GetString();
        Assert.NotNull(next);
        var (_, second) = await GetAsync(_admin, $"/v1/accounts?limit=2&cursor={next}");
        Assert.True(string.CompareOrdinal(second.GetProperty("items")[0].GetProperty("account").GetString(), next) > 0);

        var (created, account) = await PostAsync(_admin, "/v1/accounts", """{"account":"frank"}""");
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("frank", account.GetProperty("account").GetString());
        var venue = await _server.ClientAsync(Role.Venue);
        var (deposited, afterDeposit) = await PostAsync(venue, "/v1/accounts/frank/deposits", """{"asset":"USDT","amount":"1000.5"}""");
        Assert.Equal(HttpStatusCode.OK, deposited);
        Assert.Equal("1000.5", Balance(afterDeposit, "USDT").GetProperty("free").GetString());

        var frank = await _server.ClientAsync(Role.Trader, "frank");
        var (sub, _) = await PostAsync(frank, "/v1/accounts", """{"account":"frank.sub","parent":"frank"}""");
        Assert.Equal(HttpStatusCode.Created, sub);
        var (moved, afterTransfer) = await PostAsync(frank, "/v1/accounts/frank/transfers", """{"to":"frank.sub","asset":"USDT","amount":"100"}""");
        Assert.Equal(HttpStatusCode.OK, moved);
        Assert.Equal("900.5", Balance(afterTransfer, "USDT").GetProperty("free").GetString());
        var (withdrawn, afterWithdrawal) = await PostAsync(frank, "/v1/accounts/frank/withdrawals", """{"asset":"USDT","amount":"0.5"}""");
        Assert.Equal(HttpStatusCode.OK, withdrawn);
        Assert.Equal("900", Balance(afterWithdrawal, "USDT").GetProperty("free").GetString());
        var (_, own) = await GetAsync(frank, "/v1/accounts");
        Assert.Equal(["frank", "frank.sub"], own.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("account").GetString()!).ToArray());
    }

    [Fact]
    public async Task A_position_has_every_field_and_its_prices_are_never_zero()
    {
        var alice = await _server.ClientAsync(Role.Trader, "alice");
        var (status, page) = await GetAsync(alice, "/v1/positions");
        Assert.Equal(HttpStatusCode.OK, status);
        var ids = page.GetProperty("items").EnumerateArray().Select(p => p.GetProperty("id").GetString()!).ToArray();
        Assert.Equal(["alice.hedge~ETHUSDT~isolated", "alice~BTCUSDT~isolated"], ids);

        var (_, position) = await GetAsync(alice, "/v1/positions/alice~BTCUSDT~isolated");
        foreach (var field in new[] { "id", "account", "symbol", "scope", "side", "quantity", "entryPrice", "markPrice", "notional", "leverage", "margin", "initialMargin", "maintenanceMargin", "marginRatio", "unrealizedPnl", "liquidationPrice", "bankruptcyPrice", "adlRank", "autoTopUp", "status" })
        {
            Assert.True(position.TryGetProperty(field, out _), $"no {field}");
        }

        Assert.Equal("long", position.GetProperty("side").GetString());
        Assert.Equal("0.5", position.GetProperty("quantity").GetString());
        Assert.Equal("20000", position.GetProperty("entryPrice").GetString());
        Assert.Equal("1000", position.GetProperty("margin").GetString());
        Assert.True(decimal.Parse(position.GetProperty("liquidationPrice").GetString()!, System.Globalization.CultureInfo.InvariantCulture) is > 0 and < 20000);
        Assert.True(position.GetProperty("autoTopUp").GetProperty("enabled").GetBoolean());
        Assert.Equal("normal", position.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Adding_margin_moves_a_long_liquidation_price_down_as_the_estimate_said()
    {
        var erin = await _server.ClientAsync(Role.Trader, "erin");
        const string id = "erin~ETHUSDT~isolated";
        var (_, before) = await GetAsync(erin, $"/v1/positions/{id}");
        var (estimated, estimate) = await PostAsync(erin, "/v1/estimate/margin", $$"""{"position":"{{id}}","type":"add","amount":"500"}""");
        Assert.Equal(HttpStatusCode.OK, estimated);
        Assert.True(estimate.GetProperty("allowed").GetBoolean());
        var (changed, after) = await PostAsync(erin, $"/v1/positions/{id}/margin", """{"type":"add","amount":"500"}""");
        Assert.Equal(HttpStatusCode.OK, changed);
        Assert.Equal(estimate.GetProperty("newLiquidationPrice").GetString(), after.GetProperty("liquidationPrice").GetString());
        Assert.True(Number(after, "liquidationPrice") < Number(before, "liquidationPrice"));
        Assert.Equal(Number(before, "margin") + 500, Number(after, "margin"));

        var (_, removable) = await GetAsync(erin, $"/v1/positions/{id}/margin/max-removable");
        Assert.True(Number(removable, "amount") > 0);
        var (tooMuch, problem) = await PostAsync(erin, $"/v1/positions/{id}/margin", $$"""{"type":"remove","amount":"{{Number(removable, "amount") + 1}}"}""");
        Assert.Equal(HttpStatusCode.BadRequest, tooMuch);
        Assert.Equal("REMOVE_EXCEEDS_MAX", Code(problem));
        var (removed, _) = await PostAsync(erin, $"/v1/positions/{id}/margin", """{"type":"remove","amount":"100"}""");
        Assert.Equal(HttpStatusCode.OK, removed);
    }

    [Fact]
    public async Task Leverage_and_auto_top_up_change_the_position()
    {
        var bob = await _server.ClientAsync(Role.Trader, "bob");
        var (status, position) = await PostAsync(bob, "/v1/positions/bob~BTCUSD~isolated/leverage", """{"leverage":"25"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("25", position.GetProperty("leverage").GetString());
        var (set, topUp) = await PostAsync(bob, "/v1/positions/bob~BTCUSDT~isolated/auto-top-up", """{"enabled":true,"cap":"150"}""");
        Assert.Equal(HttpStatusCode.OK, set);
        Assert.Equal("150", topUp.GetProperty("autoTopUp").GetProperty("cap").GetString());
    }

    [Fact]
    public async Task Pods_list_create_fund_and_take_a_position()
    {
        var dave = await _server.ClientAsync(Role.Trader, "dave");
        var (_, pods) = await GetAsync(dave, "/v1/pods");
        var spread = Assert.Single(pods.GetProperty("items").EnumerateArray());
        Assert.Equal("dave~spread", spread.GetProperty("id").GetString());
        Assert.Equal(2, spread.GetProperty("positions").GetArrayLength());

        var alice = await _server.ClientAsync(Role.Trader, "alice");
        var (created, pod) = await PostAsync(alice, "/v1/pods", """{"pod":"book"}""");
        Assert.Equal(HttpStatusCode.Created, created);
        Assert.Equal("alice~book", pod.GetProperty("id").GetString());
        var (funded, afterFunding) = await PostAsync(alice, "/v1/pods/alice~book/margin", """{"type":"add","asset":"USDT","amount":"200"}""");
        Assert.Equal(HttpStatusCode.OK, funded);
        Assert.Equal("200", afterFunding.GetProperty("assets")[0].GetProperty("collateral").GetString());
        var (moved, afterMove) = await PostAsync(alice, "/v1/pods/alice~book/positions", """{"symbol":"BTCUSDT"}""");
        Assert.Equal(HttpStatusCode.OK, moved);
        Assert.Equal(["alice~BTCUSDT~pod:book"], afterMove.GetProperty("positions").EnumerateArray().Select(p => p.GetString()!).ToArray());
    }

    [Fact]
    public async Task Market_inputs_instruments_funds_liquidations_and_ranks()
    {
        var oracle = await _server.ClientAsync(Role.Oracle);
        var venue = await _server.ClientAsync(Role.Venue);
        var (traded, trade) = await PostAsync(venue, "/v1/trades", """{"symbol":"BTCUSDT","price":"20000","quantity":"0.01","buyer":{"account":"carol","scope":"cross"},"seller":{"account":"mm","scope":"cross"}}""");
        Assert.Equal(HttpStatusCode.OK, traded);
        Assert.Contains(trade.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "TradeExecuted");
        var (indexed, _) = await PostAsync(oracle, "/v1/prices/index", """{"symbol":"ETHUSDT","source":"okx","price":"1500","time":"2026-12-04T00:00:01Z"}""");
        Assert.Equal(HttpStatusCode.OK, indexed);
        var (funded, _) = await PostAsync(oracle, "/v1/funding", """{"symbol":"BTCUSD","rate":"0.0001"}""");
        Assert.Equal(HttpStatusCode.OK, funded);

        var (_, instruments) = await GetAsync(oracle, "/v1/instruments");
        Assert.Equal(["BTCUSD", "BTCUSDT", "ETHUSDT"], instruments.GetProperty("items").EnumerateArray().Select(i => i.GetProperty("symbol").GetString()!).ToArray());
        var (_, tiers) = await GetAsync(oracle, "/v1/instruments/BTCUSDT/tiers");
        var first = tiers.GetProperty("items")[0];
        Assert.Equal(1, first.GetProperty("tier").GetInt32());
        Assert.Equal("0", first.GetProperty("minNotional").GetString());
        Assert.Equal("10000", first.GetProperty("maxNotional").GetString());
        Assert.Equal("0.01", first.GetProperty("maintenanceMarginRate").GetString());
        Assert.Equal("50", first.GetProperty("maxLeverage").GetString());
        var admin = await _server.ClientAsync(Role.Admin);
        var (listed, _) = await PostAsync(admin, "/v1/instruments", """{"symbol":"SOLUSDT","contract":"linear","settleAsset":"USDT","profile":"binance","tickSize":"0.01","lotSize":"0.1","tiers":[{"cap":"100000","mmr":"0.01","maxLeverage":"20"}]}""");
        Assert.Equal(HttpStatusCode.OK, listed);

        // A 12% fall liquidates bob's 50x long: the log and the fund show it.
        var (marked, _) = await PostAsync(oracle, "/v1/prices/mark", """{"symbol":"BTCUSDT","price":"17600"}""");
        Assert.Equal(HttpStatusCode.OK, marked);
        var bob = await _server.ClientAsync(Role.Trader, "bob");
        var (_, liquidations) = await GetAsync(bob, "/v1/liquidations?symbol=BTCUSDT");
        Assert.Contains(liquidations.GetProperty("items").EnumerateArray(), s => s.GetProperty("type").GetString() == "PositionLiquidated" && s.GetProperty("account").GetString() == "bob");
        // A trader sees the steps that name it: its own liquidation, and a deleveraging against its bankrupt position.
        Assert.All(liquidations.GetProperty("items").EnumerateArray(), s => Assert.True(s.GetProperty("account").GetString() == "bob" || (s.TryGetProperty("bankrupt", out var bankrupt) && bankrupt.GetString() == "bob")));
        var (_, funds) = await GetAsync(bob, "/v1/insurance-funds");
        // The fund took bob's fee and paid his gap until it ran out: then erin was deleveraged (the ranks below).
        Assert.Equal(["BTCUSD:BTC", "BTCUSDT:USDT", "ETHUSDT:USDT", "SOLUSDT:USDT"], funds.GetProperty("items").EnumerateArray().Select(f => $"{f.GetProperty("symbol").GetString()}:{f.GetProperty("asset").GetString()}").ToArray());
        Assert.Contains(liquidations.GetProperty("items").EnumerateArray(), s => s.GetProperty("type").GetString() == "AutoDeleveraged");
        var (_, ranks) = await GetAsync(admin, "/v1/adl?symbol=BTCUSDT");
        // Each side's queue is ranked 1, 2, 3, … (the deleveraged shorts have left it).
        foreach (var side in ranks.GetProperty("items").EnumerateArray().GroupBy(r => r.GetProperty("side").GetString()))
        {
            Assert.Equal(Enumerable.Range(1, side.Count()), side.Select(r => r.GetProperty("rank").GetInt32()));
        }

        Assert.Contains(ranks.GetProperty("items").EnumerateArray(), r => r.GetProperty("side").GetString() == "long");
    }

    [Fact]
    public async Task A_position_estimate_matches_the_position_the_trade_opens()
    {
        await PostAsync(_admin, "/v1/commands", """{"type":"createAccount","account":"gina"}""");
        await PostAsync(_admin, "/v1/commands", """{"type":"deposit","account":"gina","asset":"USDT","amount":"5000"}""");
        var gina = await _server.ClientAsync(Role.Trader, "gina");
        var (estimated, estimate) = await PostAsync(gina, "/v1/estimate/position", """{"symbol":"ETHUSDT","side":"short","quantity":"1","price":"1500","leverage":"20"}""");
        Assert.Equal(HttpStatusCode.OK, estimated);
        Assert.True(estimate.GetProperty("accepted").GetBoolean());
        Assert.True(Number(estimate, "maxQuantity") > 1);
        var venue = await _server.ClientAsync(Role.Venue);
        var (traded, _) = await PostAsync(venue, "/v1/trades", """{"symbol":"ETHUSDT","price":"1500","quantity":"1","buyer":{"account":"mm","scope":"cross"},"seller":{"account":"gina","scope":"isolated","leverage":"20"}}""");
        Assert.Equal(HttpStatusCode.OK, traded);
        var (_, position) = await GetAsync(gina, "/v1/positions/gina~ETHUSDT~isolated");
        Assert.Equal(estimate.GetProperty("initialMargin").GetString(), position.GetProperty("margin").GetString());
        Assert.Equal(estimate.GetProperty("liquidationPrice").GetString(), position.GetProperty("liquidationPrice").GetString());
        Assert.Equal(estimate.GetProperty("bankruptcyPrice").GetString(), position.GetProperty("bankruptcyPrice").GetString());

        var (refused, refusal) = await PostAsync(gina, "/v1/estimate/position", """{"symbol":"BTCUSDT","side":"long","quantity":"10","price":"20000","leverage":"50"}""");
        Assert.Equal(HttpStatusCode.OK, refused);
        Assert.False(refusal.GetProperty("accepted").GetBoolean());
        Assert.Equal("LEVERAGE_ABOVE_TIER_MAX", refusal.GetProperty("code").GetString());
    }

    [Fact]
    public async Task A_stress_runs_the_waterfall_on_a_copy_and_changes_nothing()
    {
        var before = await ServerFactory.HashAsync(_admin);
        var bob = await _server.ClientAsync(Role.Trader, "bob");
        var (status, stress) = await PostAsync(bob, "/v1/estimate/stress", """{"moves":{"BTCUSDT":"-0.1"}}""");
        Assert.Equal(HttpStatusCode.OK, status);
        Assert.Equal("18000", stress.GetProperty("marks")[0].GetProperty("to").GetString());
        var positions = stress.GetProperty("positions").EnumerateArray().ToDictionary(p => p.GetProperty("id").GetString()!, p => p.GetProperty("outcome").GetString());
        Assert.Equal("liquidated", positions["bob~BTCUSDT~isolated"]);
        Assert.Equal("safe", positions["bob~BTCUSD~isolated"]);
        Assert.Contains(stress.GetProperty("events").EnumerateArray(), e => e.GetProperty("type").GetString() == "PositionLiquidated");
        Assert.Equal(before, await ServerFactory.HashAsync(_admin));
        var (_, live) = await GetAsync(bob, "/v1/positions/bob~BTCUSDT~isolated");
        Assert.Equal("normal", live.GetProperty("status").GetString());
    }

    [Fact]
    public async Task Admin_commands_state_and_keys()
    {
        var (status, result) = await PostAsync(_admin, "/v1/commands", """{"type":"createAccount","account":"gina","id":"c-1"}""");
        Assert.Equal(HttpStatusCode.OK, status);
        var sequence = result.GetProperty("sequence").GetInt64();
        var (again, repeat) = await PostAsync(_admin, "/v1/commands", """{"type":"createAccount","account":"gina","id":"c-1"}""");
        Assert.Equal(HttpStatusCode.OK, again);
        Assert.True(repeat.GetProperty("duplicate").GetBoolean());
        var (_, state) = await GetAsync(_admin, "/v1/admin/state");
        Assert.True(state.GetProperty("sequence").GetInt64() > sequence);
        Assert.Equal(64, state.GetProperty("hash").GetString()!.Length);

        var (created, key) = await PostAsync(_admin, "/v1/keys", """{"role":"trader","account":"gina","label":"test"}""");
        Assert.Equal(HttpStatusCode.Created, created);
        using var gina = _server.CreateClient();
        gina.DefaultRequestHeaders.Add("Authorization", $"Bearer {key.GetProperty("key").GetString()}");
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(gina, "/v1/accounts/gina")).Status);
        var (_, keys) = await GetAsync(_admin, "/v1/keys");
        Assert.Contains(keys.GetProperty("items").EnumerateArray(), k => k.GetProperty("id").GetString() == key.GetProperty("id").GetString() && !k.TryGetProperty("key", out _));
        var (revoked, _) = await SendAsync(_admin, HttpMethod.Delete, $"/v1/keys/{key.GetProperty("id").GetString()}");
        Assert.Equal(HttpStatusCode.NoContent, revoked);
        var (refused, problem) = await GetAsync(gina, "/v1/accounts/gina");
        Assert.Equal(HttpStatusCode.Unauthorized, refused);
        Assert.Equal("UNAUTHORIZED", Code(problem));
    }

    [Fact]
    public async Task Operations_endpoints_answer_without_a_key()
    {
        using var anonymous = _server.CreateClient();
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(anonymous, "/healthz")).Status);
        var (ready, readiness) = await GetAsync(anonymous, "/readyz");
        Assert.Equal(HttpStatusCode.OK, ready);
        Assert.Equal("ready", readiness.GetProperty("status").GetString());
        var metrics = await anonymous.GetStringAsync(new Uri("/metrics", UriKind.Relative));
        Assert.Contains("ringfence_commands_total{type=\"trade\",outcome=\"accepted\"}", metrics, StringComparison.Ordinal);
        Assert.Contains("ringfence_journal_sequence", metrics, StringComparison.Ordinal);
        Assert.Contains("http_request_duration_seconds", metrics, StringComparison.Ordinal);
        var openApi = await anonymous.GetStringAsync(new Uri("/openapi/v1.json", UriKind.Relative));
        using var document = JsonDocument.Parse(openApi);
        Assert.True(document.RootElement.GetProperty("paths").TryGetProperty("/v1/positions/{id}/margin", out _));
        var docs = await anonymous.GetStringAsync(new Uri("/docs/index.html", UriKind.Relative));
        Assert.Contains("swagger", docs, StringComparison.OrdinalIgnoreCase);
    }

    private static JsonElement Balance(JsonElement account, string asset) =>
        account.GetProperty("balances").EnumerateArray().Single(b => b.GetProperty("asset").GetString() == asset);

    private static decimal Number(JsonElement item, string field) =>
        decimal.Parse(item.GetProperty(field).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
}
