using System.Net;
using Ringfence.Server.Auth;
using static Ringfence.Server.Tests.Http;

namespace Ringfence.Server.Tests.Api;

/// <summary>
/// Each role × each endpoint × the trader's own account and another's, in one table (docs/security.md): who may call
/// what, and that another account's ids answer 404, never 403. "ok" means the request got past authorization (a 2xx,
/// or a business answer such as a rejected margin change — never 401, 403 or 404).
/// </summary>
public sealed class AuthorizationMatrixTests
{
    private const string Ok = "ok";

    // method, path, body ({acct} is alice for "own" and bob for "other"), then admin, venue, oracle, trader own, trader other.
    private static readonly (string Method, string Path, string? Body, string Admin, string Venue, string Oracle, string Own, string Other)[] Matrix =
    [
        ("GET", "/v1/accounts", null, Ok, Ok, "403", Ok, Ok),
        ("POST", "/v1/accounts", """{"account":"{acct}.sub2","parent":"{acct}"}""", Ok, Ok, "403", Ok, "400"),
        ("GET", "/v1/accounts/{acct}", null, Ok, Ok, "403", Ok, "404"),
        ("POST", "/v1/accounts/{acct}/deposits", """{"asset":"USDT","amount":"1"}""", Ok, Ok, "403", "403", "403"),
        ("POST", "/v1/accounts/{acct}/withdrawals", """{"asset":"USDT","amount":"1"}""", Ok, "403", "403", Ok, "404"),
        ("POST", "/v1/accounts/{acct}/transfers", """{"to":"alice.hedge","asset":"USDT","amount":"1"}""", Ok, "403", "403", Ok, "404"),
        ("GET", "/v1/positions", null, Ok, Ok, "403", Ok, Ok),
        ("GET", "/v1/positions?account={acct}", null, Ok, Ok, "403", Ok, "404"),
        ("GET", "/v1/positions/{acct}~BTCUSDT~isolated", null, Ok, Ok, "403", Ok, "404"),
        ("POST", "/v1/positions/{acct}~BTCUSDT~isolated/margin", """{"type":"add","amount":"1"}""", Ok, "403", "403", Ok, "404"),
        ("GET", "/v1/positions/{acct}~BTCUSDT~isolated/margin/max-removable", null, Ok, Ok, "403", Ok, "404"),
        ("POST", "/v1/positions/{acct}~BTCUSDT~isolated/leverage", """{"leverage":"10"}""", Ok, "403", "403", Ok, "404"),
        ("POST", "/v1/positions/{acct}~BTCUSDT~isolated/auto-top-up", """{"enabled":false}""", Ok, "403", "403", Ok, "404"),
        ("GET", "/v1/pods?account={acct}", null, Ok, Ok, "403", Ok, "404"),
        ("POST", "/v1/pods", """{"account":"{acct}","pod":"p"}""", Ok, "403", "403", Ok, "404"),
        ("POST", "/v1/pods/{acct}~spread/margin", """{"type":"add","asset":"USDT","amount":"1"}""", "404", "403", "403", "404", "404"),
        ("POST", "/v1/pods/{acct}~spread/positions", """{"symbol":"BTCUSDT"}""", "404", "403", "403", "404", "404"),
        ("POST", "/v1/trades", """{"symbol":"BTCUSDT","price":"20000","quantity":"0.001","buyer":{"account":"carol","scope":"cross"},"seller":{"account":"mm","scope":"cross","leverage":"5"}}""", Ok, Ok, "403", "403", "403"),
        ("POST", "/v1/prices/mark", """{"symbol":"ETHUSDT","price":"1500"}""", Ok, "403", Ok, "403", "403"),
        ("POST", "/v1/prices/index", """{"symbol":"ETHUSDT","source":"a","price":"1500","time":"2026-12-04T00:00:00Z"}""", Ok, "403", Ok, "403", "403"),
        ("POST", "/v1/funding", """{"symbol":"BTCUSD","rate":"0"}""", Ok, "403", Ok, "403", "403"),
        ("GET", "/v1/instruments", null, Ok, Ok, Ok, Ok, Ok),
        ("GET", "/v1/instruments/BTCUSDT", null, Ok, Ok, Ok, Ok, Ok),
        ("GET", "/v1/instruments/BTCUSDT/tiers", null, Ok, Ok, Ok, Ok, Ok),
        ("POST", "/v1/instruments", """{"symbol":"X{acct}","contract":"linear","settleAsset":"USDT","profile":"binance","tickSize":"0.01","lotSize":"0.1","tiers":[{"cap":"1000","mmr":"0.01","maxLeverage":"20"}]}""", Ok, "403", "403", "403", "403"),
        ("GET", "/v1/insurance-funds", null, Ok, Ok, Ok, Ok, Ok),
        ("GET", "/v1/liquidations", null, Ok, Ok, "403", Ok, Ok),
        ("GET", "/v1/liquidations?account={acct}", null, Ok, Ok, "403", Ok, "404"),
        ("GET", "/v1/adl?symbol=BTCUSDT", null, Ok, Ok, "403", Ok, Ok),
        ("POST", "/v1/estimate/position", """{"symbol":"BTCUSDT","side":"long","quantity":"0.01","price":"20000","leverage":"10","account":"{acct}"}""", Ok, Ok, "403", Ok, "404"),
        ("POST", "/v1/estimate/margin", """{"position":"{acct}~BTCUSDT~isolated","type":"add","amount":"1"}""", Ok, Ok, "403", Ok, "404"),
        ("POST", "/v1/estimate/stress", """{"account":"{acct}","moves":{"BTCUSDT":"-0.01"}}""", Ok, Ok, "403", Ok, "404"),
        ("POST", "/v1/commands", """{"type":"createAccount","account":"z{acct}"}""", Ok, "403", "403", "403", "403"),
        ("GET", "/v1/admin/state", null, Ok, "403", "403", "403", "403"),
        ("GET", "/v1/keys", null, Ok, "403", "403", "403", "403"),
        ("POST", "/v1/keys", """{"role":"oracle"}""", Ok, "403", "403", "403", "403"),
    ];

    [Fact]
    public async Task Every_role_reaches_exactly_what_it_may_and_another_accounts_ids_are_not_found()
    {
        await using var server = new ServerFactory();
        var admin = await server.ClientAsync(Role.Admin);
        await ServerFactory.SeedAsync(admin);
        var clients = new Dictionary<string, HttpClient>
        {
            ["admin"] = admin,
            ["venue"] = await server.ClientAsync(Role.Venue),
            ["oracle"] = await server.ClientAsync(Role.Oracle),
            ["trader"] = await server.ClientAsync(Role.Trader, "alice"),
        };
        using var anonymous = server.CreateClient();
        var failures = new List<string>();
        foreach (var row in Matrix)
        {
            var cases = new (string Who, HttpClient Client, string Account, string Expected)[]
            {
                ("admin", clients["admin"], "bob", row.Admin),
                ("venue", clients["venue"], "bob", row.Venue),
                ("oracle", clients["oracle"], "bob", row.Oracle),
                ("trader/own", clients["trader"], "alice", row.Own),
                ("trader/other", clients["trader"], "bob", row.Other),
                ("no key", anonymous, "alice", "401"),
            };
            foreach (var (who, client, account, expected) in cases)
            {
                var path = row.Path.Replace("{acct}", account, StringComparison.Ordinal);
                var body = row.Body?.Replace("{acct}", account, StringComparison.Ordinal);
                var (status, answer) = await SendAsync(client, new HttpMethod(row.Method), path, body);
                var code = (int)status;
                var passed = expected == Ok ? code is not (401 or 403 or 404) and < 500 : code.ToString(System.Globalization.CultureInfo.InvariantCulture) == expected;
                if (!passed)
                {
                    failures.Add($"{row.Method} {path} as {who}: expected {expected}, got {code} {Code(answer)}");
                }

                if (code is 401 or 403 or 404 && Code(answer) != (code == 401 ? "UNAUTHORIZED" : code == 403 ? "FORBIDDEN" : "NOT_FOUND"))
                {
                    failures.Add($"{row.Method} {path} as {who}: {code} with code {Code(answer)}");
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join(Environment.NewLine, failures));
        Assert.True(Matrix.Length >= 30);
    }
}
