using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using Ringfence.Server.Auth;
using static Ringfence.Server.Tests.Http;

namespace Ringfence.Server.Tests.Streaming;

/// <summary>The WebSocket stream through the real application: subscriptions, sequence numbers, what a trader sees.</summary>
public sealed class StreamTests
{
    [Fact]
    public async Task A_trader_sees_its_liquidation_after_a_mark_update_and_nothing_of_other_accounts()
    {
        await using var server = new ServerFactory();
        var admin = await server.ClientAsync(Role.Admin);
        await ServerFactory.SeedAsync(admin);
        var bobKey = await server.KeyAsync(Role.Trader, "bob");
        var client = server.Server.CreateWebSocketClient();
        client.ConfigureRequest = request => request.Headers["X-Api-Key"] = bobKey;
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = await client.ConnectAsync(new Uri(server.Server.BaseAddress, "/v1/stream"), timeout.Token);
        await SendAsync(socket, """{"op":"subscribe","channels":["positions","liquidations","marks"]}""", timeout.Token);
        var subscribed = await ReceiveAsync(socket, timeout.Token);
        Assert.Equal("subscribed", subscribed.GetProperty("op").GetString());
        Assert.Equal(1, subscribed.GetProperty("seq").GetInt64());

        var oracle = await server.ClientAsync(Role.Oracle);
        var (status, _) = await PostAsync(oracle, "/v1/prices/mark", """{"symbol":"BTCUSDT","price":"17600"}""");
        Assert.Equal(System.Net.HttpStatusCode.OK, status);

        var seen = new List<JsonElement>();
        var expected = 2L;
        while (!seen.Any(m => m.GetProperty("channel").GetString() == "positions" && m.GetProperty("data").GetProperty("type").GetString() == "PositionLiquidated"))
        {
            var message = await ReceiveAsync(socket, timeout.Token);
            Assert.Equal(expected++, message.GetProperty("seq").GetInt64());
            if (message.TryGetProperty("channel", out _))
            {
                seen.Add(message);
            }
        }

        var liquidated = seen.First(m => m.GetProperty("data").GetProperty("type").GetString() == "PositionLiquidated" && m.GetProperty("channel").GetString() == "positions");
        Assert.Equal("bob", liquidated.GetProperty("data").GetProperty("account").GetString());
        Assert.True(liquidated.GetProperty("sequence").GetInt64() > subscribed.GetProperty("sequence").GetInt64());
        // Every private message is bob's; a public liquidation of someone else carries no account.
        foreach (var message in seen)
        {
            var data = message.GetProperty("data");
            if (message.GetProperty("channel").GetString() == "positions")
            {
                Assert.True(data.GetProperty("account").GetString() == "bob" || (data.TryGetProperty("bankrupt", out var bankrupt) && bankrupt.GetString() == "bob"), data.ToString());
            }
            else if (message.GetProperty("channel").GetString() == "liquidations" && data.TryGetProperty("account", out var account))
            {
                Assert.True(account.GetString() == "bob" || data.GetProperty("bankrupt").GetString() == "bob", data.ToString());
            }
        }

        await SendAsync(socket, """{"op":"ping"}""", timeout.Token);
        JsonElement pong;
        do
        {
            pong = await ReceiveAsync(socket, timeout.Token);
        }
        while (!pong.TryGetProperty("op", out var op) || op.GetString() != "pong");
    }

    [Fact]
    public async Task A_connection_without_a_key_authenticates_with_its_first_message_or_is_refused()
    {
        await using var server = new ServerFactory();
        var key = await server.KeyAsync(Role.Oracle);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        using var socket = await server.Server.CreateWebSocketClient().ConnectAsync(new Uri(server.Server.BaseAddress, "/v1/stream"), timeout.Token);
        await SendAsync(socket, """{"op":"subscribe","channels":["marks"]}""", timeout.Token);
        Assert.Equal("UNAUTHORIZED", (await ReceiveAsync(socket, timeout.Token)).GetProperty("code").GetString());
        await SendAsync(socket, """{"op":"subscribe","channels":["weather"]}""", timeout.Token);
        Assert.Equal("INVALID_FIELD", (await ReceiveAsync(socket, timeout.Token)).GetProperty("code").GetString());
        await SendAsync(socket, $$"""{"op":"auth","key":"{{key}}"}""", timeout.Token);
        var authenticated = await ReceiveAsync(socket, timeout.Token);
        Assert.Equal("authenticated", authenticated.GetProperty("op").GetString());
        Assert.Equal("oracle", authenticated.GetProperty("role").GetString());

        using var refused = await server.Server.CreateWebSocketClient().ConnectAsync(new Uri(server.Server.BaseAddress, "/v1/stream"), timeout.Token);
        await SendAsync(refused, """{"op":"auth","key":"rf_000000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA"}""", timeout.Token);
        Assert.Equal("UNAUTHORIZED", (await ReceiveAsync(refused, timeout.Token)).GetProperty("code").GetString());
        var buffer = new byte[1024];
        var closing = await refused.ReceiveAsync(buffer, timeout.Token);
        Assert.Equal(WebSocketMessageType.Close, closing.MessageType);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, refused.CloseStatus);
    }

    private static Task SendAsync(WebSocket socket, string text, CancellationToken cancellation) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellation);

    private static async Task<JsonElement> ReceiveAsync(WebSocket socket, CancellationToken cancellation)
    {
        var buffer = new byte[64 * 1024];
        using var message = new MemoryStream();
        WebSocketReceiveResult result;
        do
        {
            result = await socket.ReceiveAsync(buffer, cancellation);
            Assert.NotEqual(WebSocketMessageType.Close, result.MessageType);
            message.Write(buffer, 0, result.Count);
        }
        while (!result.EndOfMessage);
        return JsonDocument.Parse(message.ToArray()).RootElement.Clone();
    }
}
