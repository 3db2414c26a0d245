using System.Net.WebSockets;
using Ringfence.Core.Accounts;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Numerics;
using Ringfence.Hosting.Feed;
using Ringfence.Server.Auth;
using Ringfence.Server.Streaming;

namespace Ringfence.Server.Tests.Streaming;

/// <summary>A client that stops reading is closed as a slow consumer; the hub (and so the engine's feed) never waits for it.</summary>
public sealed class SlowConsumerTests
{
    [Fact]
    public async Task A_connection_that_does_not_read_is_closed_and_publishing_goes_on()
    {
        using var socket = new StalledSocket();
        var hub = new StreamHub();
        hub.Start(0);
        var opened = 0;
        using var connection = new StreamConnection(socket, new Caller("k", Role.Admin, null), hub, null!, capacity: 16, TimeSpan.FromHours(1),
            _ => Task.FromResult<IReadOnlyList<AccountId>>([]), change => Interlocked.Add(ref opened, change));
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        var running = connection.RunAsync(stop.Token);
        socket.Deliver("""{"op":"subscribe","channels":["marks"]}""");
        while (!connection.Subscribes(StreamChannels.Marks))
        {
            await Task.Delay(10, stop.Token);
        }

        // Ten thousand marks: far more than the 16 the connection may leave unsent, and the socket sends nothing.
        for (var i = 1; i <= 10_000; i++)
        {
            var command = new UpdateMarkPrice("BTCUSDT", Price.FromWhole(20_000 + i));
            hub.Publish(new CommittedResult(i, command, "{}", new ExecutionResult(true, [new MarkPriceUpdated("BTCUSDT", command.Price)], [])));
        }

        Assert.Equal(10_000, hub.Sequence);
        socket.Release();
        await running.WaitAsync(stop.Token);
        Assert.Equal(WebSocketCloseStatus.PolicyViolation, socket.ClosedWith);
        Assert.StartsWith("slow consumer", socket.ClosedReason, StringComparison.Ordinal);
        Assert.True(socket.Sent <= 17, $"{socket.Sent} messages sent");
        Assert.Equal(0, opened);
    }

    /// <summary>A socket whose sends do not complete until released, and whose client sends only what the test delivers.</summary>
    private sealed class StalledSocket : WebSocket
    {
        private readonly System.Threading.Channels.Channel<string> _incoming = System.Threading.Channels.Channel.CreateUnbounded<string>();
        private readonly TaskCompletionSource _released = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private WebSocketState _state = WebSocketState.Open;

        public int Sent { get; private set; }

        public WebSocketCloseStatus? ClosedWith { get; private set; }

        public string? ClosedReason { get; private set; }

        public override WebSocketCloseStatus? CloseStatus => ClosedWith;

        public override string? CloseStatusDescription => ClosedReason;

        public override WebSocketState State => _state;

        public override string? SubProtocol => null;

        public void Deliver(string text) => _incoming.Writer.TryWrite(text);

        public void Release() => _released.TrySetResult();

        public override async Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken)
        {
            Sent++;
            await _released.Task.WaitAsync(cancellationToken);
        }

        public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
        {
            var text = await _incoming.Reader.ReadAsync(cancellationToken);
            var bytes = System.Text.Encoding.UTF8.GetBytes(text);
            bytes.CopyTo(buffer.Array!, buffer.Offset);
            return new WebSocketReceiveResult(bytes.Length, WebSocketMessageType.Text, true);
        }

        public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken)
        {
            ClosedWith = closeStatus;
            ClosedReason = statusDescription;
            _state = WebSocketState.CloseSent;
            return Task.CompletedTask;
        }

        public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
            CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

        public override void Abort() => _state = WebSocketState.Aborted;

        public override void Dispose()
        {
        }
    }
}
