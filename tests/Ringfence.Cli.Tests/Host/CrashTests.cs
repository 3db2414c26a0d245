using Ringfence.Cli.Bench.Journal;
using Ringfence.Storage.Tests.Postgres;
using Xunit.Abstractions;

namespace Ringfence.Cli.Tests.Host;

/// <summary>
/// <c>ringfence host</c> killed with SIGKILL at random moments, many times, on each backend (see <see cref="CrashTestRun"/>);
/// then <c>ringfence replay --verify</c> on the journal the real runs wrote.
/// </summary>
public sealed class CrashTests(ITestOutputHelper output)
{
    [Fact]
    public async Task Sqlite_Host_Killed_At_Random_Loses_No_Acknowledged_Command_And_Recovers_The_Replayed_State()
    {
        var directory = Directory.CreateTempSubdirectory("ringfence-crash-");
        try
        {
            var database = Path.Combine(directory.FullName, "ringfence.db");
            var run = new CrashTestRun(database, seed: 20261121, output.WriteLine);
            await run.RunAsync(CrashTestRun.Rounds);
            Assert.True(run.AcknowledgedCount > 0);

            var verify = CliRun.Of(string.Empty, "replay", "--db", database, "--verify", "--json");
            Assert.True(verify.ExitCode == 0, verify.Error);
            Assert.Contains("\"verified\":true", verify.Out, StringComparison.Ordinal);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [PostgresFact]
    public async Task Postgres_Host_Killed_At_Random_Loses_No_Acknowledged_Command_And_Recovers_The_Replayed_State()
    {
        using var scratch = ScratchStore.Create("postgres", PostgresTestSchema.ConnectionString);
        var run = new CrashTestRun(scratch.Location, seed: 20261122, output.WriteLine, new PostgresServer(scratch.Location));
        await run.RunAsync(CrashTestRun.Rounds);
        Assert.True(run.AcknowledgedCount > 0);

        var verify = CliRun.Of(string.Empty, "replay", "--db", scratch.Location, "--verify", "--json");
        Assert.True(verify.ExitCode == 0, verify.Error);
        Assert.Contains("\"verified\":true", verify.Out, StringComparison.Ordinal);
    }
}
