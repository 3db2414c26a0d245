using System.Net;
using Ringfence.Server.Auth;
using static Ringfence.Server.Tests.Http;

namespace Ringfence.Server.Tests.Api;

/// <summary>
/// Hostile and wrong requests, each answered with its 4xx status and stable code, and each leaving the state hash
/// exactly as it was (docs/api.md, "Errors").
/// </summary>
public sealed class BadInputTests
{
    private const string Deposit = "/v1/accounts/alice/deposits";
    private const string Withdraw = "/v1/accounts/alice/withdrawals";
    private const string Margin = "/v1/positions/alice~BTCUSDT~isolated/margin";
    private const string Leverage = "/v1/positions/alice~BTCUSDT~isolated/leverage";

    private static IEnumerable<(string Who, string Method, string Path, string? Body, int Status, string Code)> Cases()
    {
        // Bodies that are not a JSON object, on every kind of write.
        var writes = new (string Who, string Path)[]
        {
            ("admin", Deposit), ("alice", Withdraw), ("alice", Margin), ("alice", Leverage), ("admin", "/v1/trades"), ("admin", "/v1/prices/mark"),
            ("alice", "/v1/estimate/position"), ("alice", "/v1/estimate/stress"), ("admin", "/v1/commands"), ("admin", "/v1/keys"), ("alice", "/v1/accounts/alice/transfers"),
        };
        foreach (var (who, path) in writes)
        {
            foreach (var body in new[] { "", "{", "[]", "null", "42", "\"text\"", "{\"a\":}", "{'a':1}", "{\"a\":1}}", "{\"a\":1,}" })
            {
                yield return (who, "POST", path, body, 400, "INVALID_JSON");
            }
        }

        // Fields of a deposit: wrong types, numbers that are not exact decimal strings, unknown and path fields.
        foreach (var body in new[]
        {
            // (A JSON number, an exponent and a sign are exact decimals the scenario format accepts: not here.)
            """{"asset":"USDT","amount":"1e999"}""", """{"asset":"USDT","amount":"abc"}""", """{"asset":"USDT","amount":"NaN"}""", """{"asset":"USDT","amount":"Infinity"}""",
            """{"asset":"USDT","amount":"1.5.5"}""", """{"asset":"USDT","amount":"0.000000001"}""", """{"asset":"USDT","amount":"99999999999999999999"}""",
            """{"asset":"USDT","amount":true}""", """{"asset":"USDT","amount":null}""", """{"asset":5,"amount":"1"}""", """{"asset":"","amount":"1"}""",
            """{"asset":"USDT"}""", """{"amount":"1"}""", """{}""", """{"asset":"USDT","amount":"1","foo":1}""", """{"asset":"USDT","amount":"1","account":"bob"}""",
            """{"asset":"USDT","amount":"1","type":"withdraw"}""", """{"asset":"USDT","amount":"1","amount":"2"}""", """{"asset":"USDT","amount":" 1"}""", """{"asset":"USDT","amount":"1,5"}""",
        })
        {
            yield return ("admin", "POST", Deposit, body, 400, "INVALID_FIELD");
        }

        // Values the engine refuses: negative or zero sizes, more than the balance.
        yield return ("admin", "POST", Deposit, """{"asset":"USDT","amount":"-5"}""", 400, "INVALID_VALUE");
        yield return ("admin", "POST", Deposit, """{"asset":"USDT","amount":"0"}""", 400, "INVALID_VALUE");
        yield return ("alice", "POST", Withdraw, """{"asset":"USDT","amount":"1000000"}""", 400, "INSUFFICIENT_BALANCE");
        yield return ("alice", "POST", Withdraw, """{"asset":"USDT","amount":"-1"}""", 400, "INVALID_VALUE");

        // Margin and leverage.
        foreach (var body in new[] { """{"type":"grow","amount":"1"}""", """{"amount":"1"}""", """{"type":"add"}""", """{"type":"add","amount":"1.123456789"}""", """{"type":"add","amount":"1","symbol":"ETHUSDT"}""", """{"type":1,"amount":"1"}""" })
        {
            yield return ("alice", "POST", Margin, body, 400, "INVALID_FIELD");
        }

        yield return ("alice", "POST", Margin, """{"type":"add","amount":"-1"}""", 400, "INVALID_VALUE");
        yield return ("alice", "POST", Margin, """{"type":"add","amount":"0"}""", 400, "INVALID_VALUE");
        yield return ("alice", "POST", Margin, """{"type":"remove","amount":"100000"}""", 400, "REMOVE_EXCEEDS_MAX");
        yield return ("alice", "POST", Margin, """{"type":"add","amount":"10000000"}""", 400, "INSUFFICIENT_BALANCE");
        yield return ("alice", "POST", Leverage, """{"leverage":"abc"}""", 400, "INVALID_FIELD");
        yield return ("alice", "POST", Leverage, """{"leverage":[10]}""", 400, "INVALID_FIELD");
        yield return ("alice", "POST", Leverage, """{"leverage":"0"}""", 400, "LEVERAGE_BELOW_ONE");
        yield return ("alice", "POST", Leverage, """{"leverage":"-2"}""", 400, "LEVERAGE_BELOW_ONE");
        yield return ("alice", "POST", Leverage, """{"leverage":"1000"}""", 400, "LEVERAGE_ABOVE_TIER_MAX");

        // Trades.
        const string buyer = "\"buyer\":{\"account\":\"carol\",\"scope\":\"cross\"}";
        const string seller = "\"seller\":{\"account\":\"mm\",\"scope\":\"cross\",\"leverage\":\"5\"}";
        yield return ("admin", "POST", "/v1/trades", $$"""{"symbol":"BTCUSDT","price":"20000","quantity":"0",{{buyer}},{{seller}}}""", 400, "INVALID_VALUE");
        yield return ("admin", "POST", "/v1/trades", $$"""{"symbol":"BTCUSDT","price":"20000","quantity":"-1",{{buyer}},{{seller}}}""", 400, "INVALID_VALUE");
        yield return ("admin", "POST", "/v1/trades", $$"""{"symbol":"BTCUSDT","price":"NaN","quantity":"1",{{buyer}},{{seller}}}""", 400, "INVALID_FIELD");
        yield return ("admin", "POST", "/v1/trades", $$"""{"symbol":"NOPE","price":"20000","quantity":"1",{{buyer}},{{seller}}}""", 404, "UNKNOWN_INSTRUMENT");
        yield return ("admin", "POST", "/v1/trades", $$"""{"symbol":"BTCUSDT","price":"20000","quantity":"0.0001",{{buyer}},{{seller}}}""", 400, "OFF_INCREMENT");
        yield return ("admin", "POST", "/v1/trades", $$"""{"symbol":"BTCUSDT","price":"20000.05","quantity":"0.001",{{buyer}},{{seller}}}""", 400, "OFF_INCREMENT");
        yield return ("admin", "POST", "/v1/trades", $$"""{"symbol":"BTCUSDT","price":"20000","quantity":"0.001",{{buyer}}}""", 400, "INVALID_FIELD");
        yield return ("admin", "POST", "/v1/trades", """{"symbol":"BTCUSDT","price":"20000","quantity":"0.001","buyer":{"account":"mm","scope":"cross"},"seller":{"account":"mm","scope":"cross"}}""", 400, "SELF_TRADE");
        yield return ("admin", "POST", "/v1/trades", $$"""{"symbol":"BTCUSDT","price":"20000","quantity":"0.001","buyer":{"account":"nobody","scope":"cross"},{{seller}}}""", 404, "UNKNOWN_ACCOUNT");
        yield return ("admin", "POST", "/v1/trades", $$"""{"symbol":"BTCUSDT","price":"20000","quantity":"0.001",{{buyer}},{{seller}},"deep":[[[[[[[[[[[[[[[[[[[[1]]]]]]]]]]]]]]]]]]]}""", 400, "INVALID_JSON");
        yield return ("admin", "POST", "/v1/prices/mark", """{"symbol":"BTCUSDT","price":"-1"}""", 400, "INVALID_VALUE");
        yield return ("admin", "POST", "/v1/prices/mark", """{"symbol":"BTCUSDT","price":"1e400"}""", 400, "INVALID_FIELD");
        yield return ("admin", "POST", "/v1/prices/mark", """{"symbol":"BTCUSDT","price":"20000","time":"yesterday"}""", 400, "INVALID_FIELD");

        // Unknown ids, and another account's (the trader cannot tell them apart).
        foreach (var path in new[]
        {
            "/v1/positions/nope", "/v1/positions/alice~NOPE~isolated", "/v1/positions/alice~BTCUSDT~weird", "/v1/positions/bob~BTCUSDT~isolated", "/v1/accounts/bob",
            "/v1/accounts/$$$", "/v1/positions/bob~BTCUSDT~isolated/margin/max-removable", "/v1/positions?account=bob", "/v1/pods?account=dave", "/v1/instruments/NOPE",
            "/v1/instruments/NOPE/tiers", "/v1/liquidations?account=bob", "/v1/nothing-here",
        })
        {
            yield return ("alice", "GET", path, null, 404, "NOT_FOUND");
        }

        yield return ("alice", "POST", "/v1/positions/bob~BTCUSDT~isolated/margin", """{"type":"add","amount":"1"}""", 404, "NOT_FOUND");
        yield return ("alice", "POST", "/v1/accounts/bob/withdrawals", """{"asset":"USDT","amount":"1"}""", 404, "NOT_FOUND");
        yield return ("alice", "POST", "/v1/accounts/alice/transfers", """{"to":"bob","asset":"USDT","amount":"1"}""", 404, "NOT_FOUND");
        yield return ("alice", "POST", "/v1/estimate/margin", """{"position":"bob~BTCUSDT~isolated","type":"add","amount":"1"}""", 404, "NOT_FOUND");
        yield return ("alice", "POST", "/v1/estimate/stress", """{"account":"bob","moves":{"BTCUSDT":"-0.1"}}""", 404, "NOT_FOUND");
        yield return ("alice", "POST", "/v1/pods/dave~spread/margin", """{"type":"add","asset":"USDT","amount":"1"}""", 404, "NOT_FOUND");
        yield return ("admin", "DELETE", "/v1/keys/nope", null, 404, "NOT_FOUND");

        // Query parameters.
        foreach (var query in new[] { "limit=0", "limit=5000", "limit=abc", "limit=-1", "scope=weird" })
        {
            yield return ("alice", "GET", $"/v1/positions?{query}", null, 400, "INVALID_FIELD");
        }

        // Estimates and keys.
        yield return ("alice", "POST", "/v1/estimate/position", """{"symbol":"BTCUSDT","side":"up","quantity":"1","price":"20000","leverage":"10"}""", 400, "INVALID_FIELD");
        yield return ("alice", "POST", "/v1/estimate/position", """{"symbol":"BTCUSDT","side":"long","quantity":"1","price":"20000","leverage":"10","margin":"100"}""", 400, "INVALID_FIELD");
        yield return ("alice", "POST", "/v1/estimate/position", """{"symbol":"BTCUSDT","side":"long","quantity":"1","price":"20000"}""", 400, "INVALID_FIELD");
        yield return ("alice", "POST", "/v1/estimate/position", """{"symbol":"BTCUSDT","side":"long","quantity":"-1","price":"20000","leverage":"10"}""", 400, "INVALID_FIELD");
        yield return ("alice", "POST", "/v1/estimate/position", """{"symbol":"NOPE","side":"long","quantity":"1","price":"20000","leverage":"10"}""", 404, "NOT_FOUND");
        yield return ("alice", "POST", "/v1/estimate/stress", """{"moves":{}}""", 400, "INVALID_FIELD");
        yield return ("alice", "POST", "/v1/estimate/stress", """{"moves":{"BTCUSDT":"-1"}}""", 400, "INVALID_FIELD");
        yield return ("alice", "POST", "/v1/estimate/stress", """{"moves":{"NOPE":"-0.1"}}""", 400, "INVALID_FIELD");
        yield return ("alice", "POST", "/v1/estimate/stress", """{"moves":{"BTCUSDT":"down"}}""", 400, "INVALID_FIELD");
        yield return ("admin", "POST", "/v1/keys", """{"role":"god"}""", 400, "INVALID_FIELD");
        yield return ("admin", "POST", "/v1/keys", """{"role":"trader"}""", 400, "INVALID_FIELD");
        yield return ("admin", "POST", "/v1/keys", """{"role":"admin","account":"alice"}""", 400, "INVALID_FIELD");
        yield return ("admin", "POST", "/v1/commands", """{"type":"frobnicate"}""", 400, "INVALID_FIELD");

        // A body beyond the limit (4 KiB in this server).
        yield return ("admin", "POST", Deposit, $$"""{"asset":"USDT","amount":"1","pad":"{{new string('x', 5000)}}"}""", 413, "PAYLOAD_TOO_LARGE");

        // Keys.
        yield return ("nokey", "GET", "/v1/accounts", null, 401, "UNAUTHORIZED");
        yield return ("badkey", "GET", "/v1/accounts", null, 401, "UNAUTHORIZED");
    }

    [Fact]
    public async Task Every_bad_request_gets_its_status_and_code_and_changes_nothing()
    {
        await using var server = new ServerFactory().With("Ringfence:MaxRequestBodyBytes", "4096");
        var admin = await server.ClientAsync(Role.Admin);
        await ServerFactory.SeedAsync(admin);
        using var noKey = server.CreateClient();
        using var badKey = server.CreateClient();
        badKey.DefaultRequestHeaders.Add("X-Api-Key", "rf_000000000000_" + new string('A', 43));
        var clients = new Dictionary<string, HttpClient>
        {
            ["admin"] = admin,
            ["alice"] = await server.ClientAsync(Role.Trader, "alice"),
            ["nokey"] = noKey,
            ["badkey"] = badKey,
        };
        var cases = Cases().ToList();
        Assert.True(cases.Count >= 100, $"only {cases.Count} cases");
        var failures = new List<string>();
        foreach (var (who, method, path, body, status, code) in cases)
        {
            var before = await ServerFactory.HashAsync(admin);
            var (actual, problem) = await SendAsync(clients[who], new HttpMethod(method), path, body);
            var after = await ServerFactory.HashAsync(admin);
            var shown = body is null ? string.Empty : body.Length > 80 ? $" {body[..80]}…" : $" {body}";
            if ((int)actual != status || Code(problem) != code)
            {
                failures.Add($"{method} {path}{shown} as {who}: expected {status} {code}, got {(int)actual} {Code(problem)} ({(problem.ValueKind == System.Text.Json.JsonValueKind.Object && problem.TryGetProperty("detail", out var d) ? d.GetString() : "")})");
            }

            if (before != after)
            {
                failures.Add($"{method} {path}{shown} as {who}: the state changed");
            }
        }

        Assert.True(failures.Count == 0, $"{failures.Count} of {cases.Count}:{Environment.NewLine}{string.Join(Environment.NewLine, failures)}");
    }
}
