using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;
using Ringfence.Core.Positions;
using Ringfence.Server.Api.Resources;
using Ringfence.Server.Auth;
using Ringfence.Server.Demo;
using Ringfence.Server.Engine;
using Ringfence.Server.ReadModels;
using static Ringfence.Server.Tests.Http;

namespace Ringfence.Server.Tests.ReadModels;

/// <summary>
/// The published isolated positions, instruments and insurance funds equal the engine's own, field for field, after
/// every batch of a crash:
/// trades, top-ups, margin changes, funding, partial and full liquidations and deleveraging.
/// </summary>
public sealed class CommittedViewsTests
{
    private static readonly string[] Traders = ["bob", "alice", "dave", "erin", "carol"];
    private static readonly string[] Symbols = ["BTCUSDT", "ETHUSDT", "BTCUSD"];

    [Fact]
    public async Task The_model_equals_the_engine_after_every_step_of_the_demo_crash()
    {
        await using var server = new ServerFactory();
        var admin = await server.ClientAsync(Role.Admin);
        await ServerFactory.SeedAsync(admin);
        var oracle = await server.ClientAsync(Role.Oracle);
        var erin = await server.ClientAsync(Role.Trader, "erin");
        var model = server.Services.GetRequiredService<CommittedViews>();
        var gateway = server.Services.GetRequiredService<EngineGateway>();
        var compared = 0;
        var closed = 0;
        var step = 0;
        foreach (var price in DemoPricePath.Synthetic().Take(90))
        {
            step++;
            foreach (var line in DemoVenue.Marks(price, DateTimeOffset.Parse("2026-12-04T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture).AddSeconds(step)))
            {
                await PostAsync(admin, "/v1/commands", line);
            }

            if (step % 10 == 0)
            {
                await PostAsync(erin, "/v1/positions/erin~ETHUSDT~isolated/margin", """{"type":"add","amount":"10"}""");
                await PostAsync(oracle, "/v1/funding", """{"symbol":"ETHUSDT","rate":"0.0001"}""");
            }

            var (engineViews, everyKey, instruments, funds) = await gateway.ReadAsync(engine =>
            {
                var keys = engine.Queries.PositionKeys().Where(k => k.Scope == MarginScope.Isolated).ToList();
                var views = keys.ToDictionary(k => k, k => JsonSerializer.Serialize(ResourceMapping.Position(engine.Queries.Position(k, engine.Queries.AdlRanks(k.Symbol).GetValueOrDefault(k))!)));
                var markets = JsonSerializer.Serialize(engine.Queries.Markets().Select(m => (ResourceMapping.Instrument(m), ResourceMapping.Tiers(m))).ToList());
                var balances = string.Join(",", engine.Queries.Markets().Select(m => $"{m.Symbol}={engine.Queries.InsuranceFund(m.Symbol)}"));
                return (views, keys, markets, balances);
            });
            Assert.Equal(instruments, JsonSerializer.Serialize(model.Markets()!.Select(m => (ResourceMapping.Instrument(m), ResourceMapping.Tiers(m))).ToList()));
            Assert.Equal(funds, string.Join(",", model.Markets()!.Select(m => $"{m.Symbol}={model.InsuranceFunds()![m.Symbol]}")));
            foreach (var key in everyKey)
            {
                var published = model.Find(key, (_, _) => true);
                Assert.NotNull(published);
                Assert.Equal(engineViews[key], JsonSerializer.Serialize(ResourceMapping.Position(published)));
                compared++;
            }

            foreach (var gone in Traders.SelectMany(a => Symbols.Select(s => new PositionKey(Core.Accounts.AccountId.Create(a), s, MarginScope.Isolated))).Where(k => !engineViews.ContainsKey(k)))
            {
                Assert.True(model.IsClosed(gone), $"{gone} is closed but the model holds it");
                closed++;
            }
        }

        Assert.True(compared > 300, $"{compared} comparisons");
        Assert.True(closed > 0, "no position closed during the crash");

        // The read model answers the API: a trader's own isolated position, and another's is not found.
        var (status, bob) = await GetAsync(erin, "/v1/positions/bob~BTCUSD~isolated");
        Assert.Equal(System.Net.HttpStatusCode.NotFound, status);
        Assert.Equal("NOT_FOUND", Code(bob));
    }
}
