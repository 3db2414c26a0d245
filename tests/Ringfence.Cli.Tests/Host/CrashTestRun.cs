using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Ringfence.Cli.Bench.Journal;
using Ringfence.Core.Engine;
using Ringfence.Core.Serialization;
using Ringfence.Core.Serialization.Wire;
using Ringfence.Hosting.Recovery;
using Ringfence.Storage;
using Ringfence.Storage.Journal;

namespace Ringfence.Cli.Tests.Host;

/// <summary>
/// The crash test against one database: rounds of starting <c>ringfence host</c> as a child process, streaming
/// commands at it, killing it with SIGKILL at a random moment, and checking the store: every acknowledged command is
/// journaled at its acknowledged sequence, the journal is exactly a prefix of what was sent (nothing unacknowledged
/// half-applied, nothing reordered), the recovered state hash equals a fresh in-memory replay of the journal, and
/// commands re-sent after the restart are answered with their first outcome.
/// </summary>
/// <param name="database">The store, as <c>--db</c> takes it.</param>
/// <param name="seed">Fixes the workload, the batch sizes, the snapshot intervals and where the kills land.</param>
/// <param name="log">Where a line per round goes.</param>
/// <param name="server">
/// For a store behind a server (PostgreSQL): what each round's host is told to connect with, and a wait, after the
/// host is gone, until the server has finished with its sessions. A statement the killed host had already sent still
/// commits on the server after the kill; checking the journal (or starting the next host) before that would read a
/// journal that then still grows.
/// </param>
internal sealed class CrashTestRun(string database, int seed, Action<string> log, CrashTestRun.IServer? server = null)
{
    /// <summary>How long a round may take before it is taken for a hang: a guard only, many times a slow round's length.</summary>
    private static readonly TimeSpan HangGuard = TimeSpan.FromMinutes(3);

    /// <summary>A store behind a server, whose sessions may outlive a killed host for a moment.</summary>
    public interface IServer
    {
        /// <summary>The <c>--db</c> location for round <paramref name="round"/>'s host: its sessions can be told from anyone else's.</summary>
        string HostLocation(int round);

        /// <summary>Completes once no session of round <paramref name="round"/>'s host is left on the server.</summary>
        Task WaitForSessionsToEndAsync(int round, TimeSpan limit);
    }

    /// <summary>Rounds per backend; <c>RINGFENCE_CRASH_ROUNDS</c> sets more for a longer soak.</summary>
    public static int Rounds =>
        int.TryParse(Environment.GetEnvironmentVariable("RINGFENCE_CRASH_ROUNDS"), NumberStyles.None, CultureInfo.InvariantCulture, out var rounds) && rounds > 0
            ? rounds
            : 12;

    private readonly Random _random = new(seed);
    private readonly CommandStream _workload = new(seed);
    private readonly Dictionary<string, Acknowledged> _acknowledged = [];
    private readonly List<string> _journal = [];
    private int _next;
    private int _round;

    /// <summary>Commands acknowledged over all rounds.</summary>
    public int AcknowledgedCount => _acknowledged.Count;

    /// <summary>Entries in the journal after the last round.</summary>
    public int JournalLength => _journal.Count;

    /// <summary>Runs <paramref name="rounds"/> killed rounds, then one that ends by closing standard input.</summary>
    public async Task RunAsync(int rounds)
    {
        for (var round = 0; round < rounds; round++)
        {
            await RoundAsync(kill: true);
        }

        await RoundAsync(kill: false);
    }

    private async Task RoundAsync(bool kill)
    {
        var started = Stopwatch.GetTimestamp();
        // Some commands acknowledged earlier are sent again first: after the restart they must return their first outcome.
        // Only accepted ones: the engine remembers the outcome of accepted commands, a rejected one may be tried again.
        var repeats = _acknowledged.Where(a => a.Value.Accepted).Select(a => a.Key).Order(StringComparer.Ordinal)
            .Where(_ => _random.Next(20) == 0).Take(5).ToList();
        var flushes = new Random(_random.Next());
        var sent = new List<(string Text, bool Repeat)>();
        var replies = new List<JsonElement>();
        var round = _round++;
        var args = new[] { "host", "--db", server?.HostLocation(round) ?? database, "--max-batch", _random.Next(1, 65).ToString(CultureInfo.InvariantCulture), "--snapshot-every", new[] { "0", "7", "50", "400" }[_random.Next(4)] };
        using var process = RingfenceExecutable.Start(args);
        var errors = process.StandardError.ReadToEndAsync();
        // Kill once a random number of replies has arrived (then after a random few milliseconds), so kills land
        // everywhere: during start-up replay, between commits, in the middle of a commit or of writing a reply.
        var killAfter = _random.Next(1, 400);
        var enoughReplies = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var torn = 0;
        var reading = Task.Run(async () =>
        {
            while (await process.StandardOutput.ReadLineAsync() is { } line)
            {
                JsonElement parsed;
                try
                {
                    using var reply = JsonDocument.Parse(line);
                    parsed = reply.RootElement.Clone();
                }
                catch (JsonException)
                {
                    // A reply the kill cut short is not an acknowledgement; only the very last line can be one.
                    torn++;
                    continue;
                }

                Assert.Equal(0, torn);
                lock (replies)
                {
                    replies.Add(parsed);
                    if (replies.Count >= killAfter)
                    {
                        enoughReplies.TrySetResult();
                    }
                }
            }

            enoughReplies.TrySetResult();
        });
        using var stop = new CancellationTokenSource();
        var writing = Task.Run(async () =>
        {
            try
            {
                var batch = 0;
                foreach (var repeat in repeats)
                {
                    sent.Add((_acknowledged[repeat].Text, true));
                    await process.StandardInput.WriteLineAsync(_acknowledged[repeat].Text);
                }

                var budget = kill ? int.MaxValue : 300;
                for (var i = _next; !stop.IsCancellationRequested && i - _next < budget; i++)
                {
                    var text = _workload[i];
                    lock (sent)
                    {
                        sent.Add((text, false));
                    }

                    await process.StandardInput.WriteLineAsync(text);
                    if (++batch % flushes.Next(1, 40) == 0)
                    {
                        await process.StandardInput.FlushAsync();
                    }
                }

                await process.StandardInput.FlushAsync();
                if (!kill)
                {
                    process.StandardInput.Close();
                }
            }
            catch (IOException)
            {
                // The child was killed under us: what it acknowledged is what counts.
            }
        });

        using var timeout = new CancellationTokenSource(HangGuard);
        string stderr;
        try
        {
            if (kill)
            {
                await enoughReplies.Task.WaitAsync(timeout.Token);
                await Task.Delay(_random.Next(0, 20), timeout.Token);
                process.Kill(); // SIGKILL on Unix: no flush, no finally, no shutdown hook.
                await stop.CancelAsync();
            }

            await process.WaitForExitAsync(timeout.Token);
            await Task.WhenAll(reading, writing).WaitAsync(timeout.Token);
            stderr = await errors.WaitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill();
            await stop.CancelAsync();
            throw new TimeoutException(
                $"round {round} ({string.Join(' ', args.Skip(3))}, kill after {killAfter} replies) did not finish within {HangGuard.TotalMinutes} minutes, a hang guard: {replies.Count} replies, {sent.Count} sent");
        }

        if (server is not null)
        {
            await server.WaitForSessionsToEndAsync(round, HangGuard);
        }
        if (!kill)
        {
            Assert.True(process.ExitCode == 0, $"graceful host exit {process.ExitCode}: {stderr}");
        }

        var ran = Stopwatch.GetElapsedTime(started);
        Check(sent, replies, stderr);
        log($"  ran {ran.TotalMilliseconds:F0} ms, checked {(Stopwatch.GetElapsedTime(started) - ran).TotalMilliseconds:F0} ms, args {string.Join(' ', args.Skip(3))}");
    }

    private void Check(List<(string Text, bool Repeat)> sent, List<JsonElement> replies, string stderr)
    {
        using var store = EngineStores.Open(database, StoreAccess.Read);
        // The journal's commands one by one, as JSON through the contract (batches are what the host committed together).
        var entries = store.Journal.ReadAfter(0).SelectMany(JournalBatchCodec.Decode).Select(CommandWriter.Write).ToList();

        // The journal grew by exactly a prefix of what this round sent, in order: a command is whole or absent.
        Assert.True(entries.Count >= _journal.Count, $"the journal shrank from {_journal.Count} to {entries.Count}");
        Assert.Equal(_journal, entries.Take(_journal.Count));
        var added = entries.Skip(_journal.Count).ToList();
        Assert.True(added.Count <= sent.Count, $"{added.Count} new entries but {sent.Count} commands sent");
        Assert.Equal(sent.Take(added.Count).Select(s => Journaled(s.Text)), added);

        // Every acknowledgement is in the journal, at its sequence, and replies came in order.
        Assert.True(replies.Count <= added.Count, $"{replies.Count} acknowledgements but {added.Count} journaled ({stderr})");
        for (var i = 0; i < replies.Count; i++)
        {
            var reply = replies[i];
            var sequence = reply.GetProperty("seq").GetInt64();
            Assert.Equal(_journal.Count + i + 1, sequence);
            Assert.Equal(Journaled(sent[i].Text), entries[(int)sequence - 1]);
            var id = reply.GetProperty("id").GetString()!;
            var events = reply.GetProperty("events").GetRawText();
            if (sent[i].Repeat)
            {
                Assert.True(reply.GetProperty("duplicate").GetBoolean(), $"{id} re-sent after a restart was not answered as a duplicate");
                Assert.Equal(_acknowledged[id].Events, events);
            }
            else
            {
                Assert.False(reply.GetProperty("duplicate").GetBoolean());
                _acknowledged[id] = new Acknowledged(sent[i].Text, reply.GetProperty("accepted").GetBoolean(), events);
            }
        }

        log($"round: sent {sent.Count} ({sent.Count(s => s.Repeat)} repeats), journaled {added.Count}, acknowledged {replies.Count}, journal {entries.Count}");
        _journal.AddRange(added);
        _next += sent.Take(added.Count).Count(s => !s.Repeat);

        // The recovered state (snapshot + tail, as the host starts) equals a fresh replay of the whole journal.
        var fresh = new MarginEngine();
        foreach (var entry in entries)
        {
            fresh.Execute(CommandJson.Parse(entry));
        }

        var recovered = EngineRecovery.Recover(store);
        Assert.Equal(fresh.Hash(), recovered.Report.StateHash);
        Assert.Empty(recovered.Report.SkippedSnapshots);
        Assert.True(JournalVerification.Verify(store).Verified);
    }

    /// <summary>A command's JSON as the journal gives it back: parsed, then written by the command writer.</summary>
    private static string Journaled(string json) => CommandWriter.Write(CommandJson.Parse(json));

    private sealed record Acknowledged(string Text, bool Accepted, string Events);
}
