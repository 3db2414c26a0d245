using Xunit.Abstractions;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace Ringfence.Cli.Tests.Commands.Serve;

/// <summary>
/// <c>ringfence serve</c> as a real process: commands acknowledged over HTTP survive a SIGKILL, the restarted server
/// recovers them, and <c>replay --verify</c> passes on its SQLite file.
/// </summary>
public sealed class ServeRestartTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Commands_acknowledged_over_http_survive_a_kill_and_replay_verifies()
    {
        var directory = Directory.CreateTempSubdirectory("ringfence-serve-");
        try
        {
            var database = Path.Combine(directory.FullName, "ringfence.db");
            var acknowledged = new List<string>();
            using (var server = await ServerProcess.StartAsync(database, output))
            {
                var key = AdminKey(database);
                using var client = server.Client(key);
                for (var i = 0; i < 60; i++)
                {
                    var account = $"acct{i}";
                    using var response = await client.PostAsync(new Uri("/v1/accounts", UriKind.Relative), new StringContent($$"""{"account":"{{account}}"}""", Encoding.UTF8, "application/json"));
                    Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                    acknowledged.Add(account);
                }

                // Killed with work in flight: requests still being sent when the process dies.
                var inFlight = Enumerable.Range(0, 20).Select(i => client.PostAsync(new Uri("/v1/accounts", UriKind.Relative), new StringContent($$"""{"account":"late{{i}}"}""", Encoding.UTF8, "application/json"))).ToList();
                server.Kill();
                foreach (var request in inFlight)
                {
                    try
                    {
                        using var response = await request;
                        if (response.StatusCode == HttpStatusCode.Created)
                        {
                            acknowledged.Add(JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("account").GetString()!);
                        }
                    }
                    catch (HttpRequestException)
                    {
                        // Not acknowledged: it may or may not be journaled.
                    }
                }
            }

            var verify = CliRun.Of(string.Empty, "replay", "--db", database, "--verify", "--json");
            Assert.True(verify.ExitCode == 0, verify.Error);
            Assert.Contains("\"verified\":true", verify.Out, StringComparison.Ordinal);

            using (var restarted = await ServerProcess.StartAsync(database, output))
            {
                using var client = restarted.Client(AdminKey(database));
                var listed = new HashSet<string>(StringComparer.Ordinal);
                string? cursor = null;
                do
                {
                    var page = JsonDocument.Parse(await client.GetStringAsync(new Uri($"/v1/accounts?limit=1000{(cursor is null ? "" : $"&cursor={cursor}")}", UriKind.Relative))).RootElement;
                    listed.UnionWith(page.GetProperty("items").EnumerateArray().Select(a => a.GetProperty("account").GetString()!));
                    cursor = page.GetProperty("next").GetString();
                }
                while (cursor is not null);
                Assert.All(acknowledged, account => Assert.Contains(account, listed));
            }
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    private static string AdminKey(string database)
    {
        var created = CliRun.Of(string.Empty, "keys", "create", "--db", database, "--role", "admin", "--json");
        Assert.True(created.ExitCode == 0, created.Error);
        return JsonDocument.Parse(created.Out).RootElement.GetProperty("key").GetString()!;
    }

    /// <summary>A running <c>ringfence serve</c> on a free loopback port.</summary>
    private sealed class ServerProcess : IDisposable
    {
        private readonly System.Diagnostics.Process _process;

        private ServerProcess(System.Diagnostics.Process process, Uri address)
        {
            _process = process;
            Address = address;
        }

        public Uri Address { get; }

        public static async Task<ServerProcess> StartAsync(string database, ITestOutputHelper output)
        {
            var port = FreePort();
            var address = new Uri($"http://127.0.0.1:{port}");
            var process = RingfenceExecutable.Start("serve", "--db", database, "--urls", address.ToString().TrimEnd('/'));
            process.OutputDataReceived += (_, e) => { if (e.Data is not null) { output.WriteLine(e.Data); } };
            process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { output.WriteLine(e.Data); } };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            var server = new ServerProcess(process, address);
            using var probe = new HttpClient { BaseAddress = address };
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (true)
            {
                Assert.False(process.HasExited, "ringfence serve exited");
                try
                {
                    using var ready = await probe.GetAsync(new Uri("/readyz", UriKind.Relative));
                    if (ready.IsSuccessStatusCode)
                    {
                        return server;
                    }
                }
                catch (HttpRequestException)
                {
                }

                Assert.True(DateTime.UtcNow < deadline, "ringfence serve did not become ready in 60 s");
                await Task.Delay(100);
            }
        }

        public HttpClient Client(string key)
        {
            var client = new HttpClient { BaseAddress = Address };
            client.DefaultRequestHeaders.Add("X-Api-Key", key);
            return client;
        }

        /// <summary>SIGKILL: no shutdown code runs.</summary>
        public void Kill()
        {
            _process.Kill(entireProcessTree: true);
            _process.WaitForExit();
        }

        public void Dispose()
        {
            if (!_process.HasExited)
            {
                Kill();
            }

            _process.Dispose();
        }

        private static int FreePort()
        {
            using var listener = new TcpListener(IPAddress.Loopback, 0);
            listener.Start();
            return ((IPEndPoint)listener.LocalEndpoint).Port;
        }
    }
}
