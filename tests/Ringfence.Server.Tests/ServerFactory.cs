using System.Net.Http.Json;
using System.Text;
using System.Text.Json;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Ringfence.Core.Accounts;
using Ringfence.Server.Auth;
using Ringfence.Server.Demo;
using Ringfence.Server.Engine;

namespace Ringfence.Server.Tests;

/// <summary>
/// A real server (the application <c>ringfence serve</c> runs) on its own SQLite file in a temporary directory, with
/// in-memory HTTP from <see cref="WebApplicationFactory{TEntryPoint}"/>; keys are made through its key ring.
/// </summary>
public sealed class ServerFactory : WebApplicationFactory<Program>
{
    private readonly string _directory = Directory.CreateTempSubdirectory("ringfence-server-").FullName;
    private readonly Dictionary<string, string> _settings = new(StringComparer.Ordinal);

    /// <summary>Sets a configuration value (e.g. <c>Ringfence:TraderRequestsPerMinute</c>) before the server is first used.</summary>
    public ServerFactory With(string name, string value)
    {
        _settings[name] = value;
        return this;
    }

    /// <summary>The store's file.</summary>
    public string Database => Path.Combine(_directory, "server.db");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseSetting("Ringfence:Db", Database);
        foreach (var (name, value) in _settings)
        {
            builder.UseSetting(name, value);
        }
    }

    /// <summary>Waits until the engine has recovered.</summary>
    internal async Task<EngineService> ReadyAsync()
    {
        var engine = Services.GetRequiredService<EngineService>();
        await engine.Started.WaitAsync(TimeSpan.FromSeconds(30));
        return engine;
    }

    /// <summary>A client sending a new key of <paramref name="role"/> (for <paramref name="account"/>).</summary>
    public async Task<HttpClient> ClientAsync(Role role, string? account = null)
    {
        await ReadyAsync();
        var (_, key) = Services.GetRequiredService<KeyRing>().Create(role, account is null ? null : AccountId.Create(account));
        var client = CreateClient();
        client.DefaultRequestHeaders.Add("X-Api-Key", key);
        return client;
    }

    /// <summary>The key text of a new key.</summary>
    public async Task<string> KeyAsync(Role role, string? account = null)
    {
        await ReadyAsync();
        return Services.GetRequiredService<KeyRing>().Create(role, account is null ? null : AccountId.Create(account)).Text;
    }

    /// <summary>Seeds the demo venue (instruments, accounts, positions, marks) through <c>POST /v1/commands</c>.</summary>
    public static async Task SeedAsync(HttpClient admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        foreach (var line in DemoVenue.Listing().Concat(DemoVenue.Marks(DemoVenue.OpeningBtc, DateTimeOffset.Parse("2026-12-04T00:00:00Z", System.Globalization.CultureInfo.InvariantCulture))).Concat(DemoVenue.Positions(DemoVenue.OpeningBtc, 0)))
        {
            using var response = await admin.PostAsync(new Uri("/v1/commands", UriKind.Relative), new StringContent(line, Encoding.UTF8, "application/json"));
            Assert.True(response.IsSuccessStatusCode, $"{line} -> {(int)response.StatusCode} {await response.Content.ReadAsStringAsync()}");
        }
    }

    /// <summary>The state's hash (admin).</summary>
    public static async Task<string> HashAsync(HttpClient admin)
    {
        ArgumentNullException.ThrowIfNull(admin);
        var state = await admin.GetFromJsonAsync<JsonElement>(new Uri("/v1/admin/state", UriKind.Relative));
        return state.GetProperty("hash").GetString()!;
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            try
            {
                Directory.Delete(_directory, recursive: true);
            }
            catch (IOException)
            {
            }
        }
    }
}
