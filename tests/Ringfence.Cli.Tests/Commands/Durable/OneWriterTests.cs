using System.Diagnostics;
using System.Text.Json;

namespace Ringfence.Cli.Tests.Commands.Durable;

/// <summary>
/// One writer per store, end to end: a host running as a real process holds its file; a second host, or a snapshot,
/// on the same file is refused with exit 3 and one line saying why, while replay and journal tail read beside it and the
/// first host goes on as if nothing happened.
/// </summary>
public sealed class OneWriterTests
{
    /// <summary>Only against a hang: every wait below ends as soon as the host has answered.</summary>
    private static readonly TimeSpan Patience = TimeSpan.FromMinutes(2);

    [Fact]
    public async Task A_Second_Host_Or_A_Snapshot_On_A_File_A_Host_Holds_Is_Refused_With_Exit_3_And_The_First_Goes_On()
    {
        using var db = new DatabaseFile();
        using var first = RingfenceExecutable.Start("host", "--db", db.Path);
        var errors = first.StandardError.ReadToEndAsync();
        try
        {
            // Its first acknowledgement means it has the store, and the lock, to itself.
            Assert.Equal(1, await SubmitAsync(first, """{"type":"createAccount","account":"alice"}"""));
            var refusal = $"error: SQLite file {db.Path} is in use by another writer, which holds its lock file {db.Path}-lock; one writer at a time: stop the other first (reading beside it is fine)";

            var second = db.Host("""{"type":"createAccount","account":"bob"}""");
            Assert.Equal(3, second.ExitCode);
            Assert.Equal(string.Empty, second.Out);
            Assert.Equal([refusal], second.ErrorLines);

            var snapshot = db.Run("snapshot");
            Assert.Equal(3, snapshot.ExitCode);
            Assert.Equal([refusal], snapshot.ErrorLines);

            // Readers take no lock.
            var tail = db.Run("journal", "tail", "--json");
            Assert.True(tail.ExitCode == 0, tail.Error);
            Assert.Contains("alice", tail.Out, StringComparison.Ordinal);
            var replay = db.Run("replay", "--verify", "--json");
            Assert.True(replay.ExitCode == 0, replay.Error);
            Assert.Contains("\"verified\":true", replay.Out, StringComparison.Ordinal);

            // The refused host wrote nothing: the first's next command is entry 2.
            Assert.Equal(2, await SubmitAsync(first, """{"type":"createAccount","account":"carol"}"""));
            first.StandardInput.Close();
            await first.WaitForExitAsync().WaitAsync(Patience);
            Assert.True(first.ExitCode == 0, await errors);
        }
        finally
        {
            if (!first.HasExited)
            {
                first.Kill();
            }
        }

        // Once it has stopped, the next host gets the store.
        var next = db.Host("""{"type":"createAccount","account":"bob"}""");
        Assert.True(next.ExitCode == 0, next.Error);
        Assert.Contains("recovered to entry 2", next.Error, StringComparison.Ordinal);
        Assert.Equal(3, JsonDocument.Parse(next.Out).RootElement.GetProperty("seq").GetInt64());
    }

    private static async Task<long> SubmitAsync(Process host, string command)
    {
        await host.StandardInput.WriteLineAsync(command);
        await host.StandardInput.FlushAsync();
        var reply = await host.StandardOutput.ReadLineAsync().WaitAsync(Patience);
        Assert.NotNull(reply);
        return JsonDocument.Parse(reply).RootElement.GetProperty("seq").GetInt64();
    }
}
