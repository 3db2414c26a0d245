using System.Threading.Channels;
using Ringfence.Core.Serialization;
using Ringfence.Hosting;

namespace Ringfence.Cli.Host;

/// <summary>
/// Feeds an <see cref="EngineHost"/> from a line stream and writes one reply line per input line, in input order.
/// Commands are queued as fast as they are read, so many share one group commit; a reply is written only when its
/// command is journaled, so every acknowledged line survives a crash. Blank and comment lines (<c>//</c>, <c>#</c>) are
/// skipped as <c>run</c> skips them; every other line gets a reply — an acknowledgement, or an error for a line that is
/// not a command — however it is malformed.
/// </summary>
internal static class HostSession
{
    // Replies not yet written; bounded so a slow reader of the output slows the input down instead of growing memory.
    private const int PendingReplies = 65_536;

    /// <summary>Runs until <paramref name="input"/> ends (then finishes what is queued) or the host fails.</summary>
    /// <returns>Whether every command was acknowledged (false: the host failed).</returns>
    public static async Task<bool> RunAsync(EngineHost host, TextReader input, TextWriter output)
    {
        var replies = Channel.CreateBounded<Task<string>>(new BoundedChannelOptions(PendingReplies) { SingleReader = true, SingleWriter = true });
        var writing = WriteRepliesAsync(replies.Reader, output);
        var healthy = true;
        var line = 0;
        try
        {
            while (await input.ReadLineAsync().ConfigureAwait(false) is { } text)
            {
                line++;
                if (!Run.ScenarioLine.HoldsCommand(text))
                {
                    continue;
                }

                Task<string> reply;
                try
                {
                    reply = Reply(line, await host.QueueAsync(text).ConfigureAwait(false));
                }
                catch (JsonInputException exception)
                {
                    reply = Task.FromResult(AcknowledgementLine.Error(line, exception.Message));
                }
#pragma warning disable CA1031 // A parser defect is this line's error; the lines after it still get their replies.
                catch (Exception exception) when (exception is not HostFailedException)
#pragma warning restore CA1031
                {
                    reply = Task.FromResult(AcknowledgementLine.Error(line, $"internal: {exception.GetType().Name}: {exception.Message}"));
                }

                await replies.Writer.WriteAsync(reply).ConfigureAwait(false);
            }
        }
        catch (HostFailedException)
        {
            healthy = false;
        }
        finally
        {
            replies.Writer.TryComplete();
        }

        return await writing.ConfigureAwait(false) && healthy;
    }

    private static async Task<string> Reply(int line, Task<Acknowledgement> acknowledged) =>
        AcknowledgementLine.Of(line, await acknowledged.ConfigureAwait(false));

    private static async Task<bool> WriteRepliesAsync(ChannelReader<Task<string>> replies, TextWriter output)
    {
        var healthy = true;
        while (await replies.WaitToReadAsync().ConfigureAwait(false))
        {
            while (replies.TryRead(out var reply))
            {
                try
                {
                    var text = await reply.ConfigureAwait(false);
                    if (healthy)
                    {
                        await output.WriteLineAsync(text).ConfigureAwait(false);
                    }
                }
                catch (HostFailedException)
                {
                    // Nothing after the failure is acknowledged, not even a later reply that happens to be ready.
                    healthy = false;
                }
            }

            // Flush once per burst rather than per line: the burst was acknowledged by one commit anyway.
            await output.FlushAsync().ConfigureAwait(false);
        }

        return healthy;
    }
}
