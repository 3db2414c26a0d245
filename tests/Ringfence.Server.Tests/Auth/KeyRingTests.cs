using System.Net;
using Ringfence.Server.Auth;
using Ringfence.Storage.Keys;

namespace Ringfence.Server.Tests.Auth;

/// <summary>Keys made and revoked beside a running server (what <c>ringfence keys</c> does) take effect.</summary>
public sealed class KeyRingTests
{
    [Fact]
    public async Task A_key_made_beside_the_server_works_on_its_first_request_and_a_revoked_one_stops()
    {
        await using var server = new ServerFactory();
        using var admin = await server.ClientAsync(Role.Admin);
        using var client = server.CreateClient();

        // The server has loaded its keys (the admin key's first request) before the new key exists.
        using (var before = await admin.GetAsync(new Uri("/v1/accounts", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, before.StatusCode);
        }

        var (id, text, hash) = ApiKeyText.Create();
        using (var beside = ApiKeyStores.Open(server.Database))
        {
            beside.Add(new StoredApiKey(id, hash, "admin", null, "beside", DateTimeOffset.UtcNow, null));
        }

        client.DefaultRequestHeaders.Add("X-Api-Key", text);
        using (var first = await client.GetAsync(new Uri("/v1/accounts", UriKind.Relative)))
        {
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        }

        // A well-formed key the store does not hold is refused, and is still refused when asked again.
        var (_, unknown, _) = ApiKeyText.Create();
        using var stranger = server.CreateClient();
        stranger.DefaultRequestHeaders.Add("X-Api-Key", unknown);
        for (var i = 0; i < 2; i++)
        {
            using var refused = await stranger.GetAsync(new Uri("/v1/accounts", UriKind.Relative));
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        using (var beside = ApiKeyStores.Open(server.Database))
        {
            Assert.True(beside.Revoke(id, DateTimeOffset.UtcNow));
        }

        // Revocation beside the server reaches it with the next refresh (every two seconds).
        var deadline = DateTime.UtcNow.AddSeconds(20);
        HttpStatusCode status;
        do
        {
            await Task.Delay(200);
            using var response = await client.GetAsync(new Uri("/v1/accounts", UriKind.Relative));
            status = response.StatusCode;
        }
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline);
        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
