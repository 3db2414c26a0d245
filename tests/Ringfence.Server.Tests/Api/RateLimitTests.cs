using System.Net;
using Ringfence.Server.Auth;
using static Ringfence.Server.Tests.Http;

namespace Ringfence.Server.Tests.Api;

/// <summary>Trader keys are limited per key (429 with Retry-After); admin keys are not.</summary>
public sealed class RateLimitTests
{
    [Fact]
    public async Task A_trader_key_over_its_limit_gets_429_with_retry_after_and_others_go_on()
    {
        await using var server = new ServerFactory().With("Ringfence:TraderRequestsPerMinute", "3");
        var admin = await server.ClientAsync(Role.Admin);
        await ServerFactory.SeedAsync(admin);
        var alice = await server.ClientAsync(Role.Trader, "alice");
        var bob = await server.ClientAsync(Role.Trader, "bob");
        for (var i = 0; i < 3; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(alice, "/v1/accounts/alice")).Status);
        }

        using var limited = await alice.GetAsync(new Uri("/v1/accounts/alice", UriKind.Relative));
        Assert.Equal(HttpStatusCode.TooManyRequests, limited.StatusCode);
        Assert.True(limited.Headers.RetryAfter?.Delta > TimeSpan.Zero, "no Retry-After");
        Assert.Contains("RATE_LIMITED", await limited.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        // Another trader's key has its own window; an admin key has none.
        Assert.Equal(HttpStatusCode.OK, (await GetAsync(bob, "/v1/accounts/bob")).Status);
        for (var i = 0; i < 20; i++)
        {
            Assert.Equal(HttpStatusCode.OK, (await GetAsync(admin, "/v1/accounts/alice")).Status);
        }
    }
}
