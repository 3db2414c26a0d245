using Npgsql;
using Ringfence.Storage.Tests.Postgres;

namespace Ringfence.Cli.Tests.Host;

/// <summary>
/// The crash test's PostgreSQL: each round's host connects under an application name of its own, and a round ends only
/// once the server has no session of that name left. A killed host's last INSERT may already be on its way to the
/// server; PostgreSQL commits it although the client is gone, and the session ends only after that.
/// </summary>
internal sealed class PostgresServer(string location) : CrashTestRun.IServer
{
    private readonly string _prefix = $"ringfence-crash-{Guid.NewGuid():N}"[..32];

    /// <inheritdoc />
    public string HostLocation(int round) => $"{location.TrimEnd(';')};Application Name={Name(round)}";

    /// <inheritdoc />
    public async Task WaitForSessionsToEndAsync(int round, TimeSpan limit)
    {
        var builder = new NpgsqlConnectionStringBuilder(PostgresTestSchema.ConnectionString) { Pooling = false, ApplicationName = "ringfence-crash-watch" };
        await using var connection = new NpgsqlConnection(builder.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pg_stat_activity WHERE application_name = @name", connection);
        count.Parameters.AddWithValue("name", Name(round));
        var deadline = DateTime.UtcNow + limit;
        // Polling for a condition, bounded only by a hang guard: how long the server takes decides nothing.
        while ((long)(await count.ExecuteScalarAsync())! > 0)
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"the sessions of round {round}'s killed host were still on the server after {limit.TotalMinutes} minutes (a hang guard)");
            }

            await Task.Delay(10);
        }
    }

    private string Name(int round) => $"{_prefix}-{round}";
}
