using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Threading.Channels;
using Ringfence.Core.Accounts;
using Ringfence.Core.Serialization;
using Ringfence.Server.Auth;

namespace Ringfence.Server.Streaming;

/// <summary>
/// One WebSocket client of <c>/v1/stream</c> (docs/api.md, "WebSocket"). Every message the server sends carries
/// <c>seq</c>, counting from 1 on each connection, so a client that sees a gap knows it lost messages; data messages
/// also carry the journal <c>sequence</c> of their command. Outgoing messages wait in a bounded queue; when it is full
/// the connection is closed (1008, "slow consumer") and the engine never waits for it.
/// </summary>
public sealed class StreamConnection : IDisposable
{
    private static readonly TimeSpan AuthenticationWait = TimeSpan.FromSeconds(10);

    private readonly WebSocket _socket;
    private readonly StreamHub _hub;
    private readonly KeyRing _keys;
    private readonly Func<AccountId, Task<IReadOnlyList<AccountId>>> _subAccounts;
    private readonly Channel<string> _outgoing;
    private readonly TimeSpan _pingInterval;
    private readonly Action<int> _connections;
    private readonly Lock _gate = new();
    private readonly HashSet<string> _channels = new(StringComparer.Ordinal);
    private readonly HashSet<AccountId> _visible = [];
    private readonly CancellationTokenSource _closing = new();
    private Caller? _caller;
    private long _seq;
    private (WebSocketCloseStatus Status, string Reason)? _close;

    internal StreamConnection(WebSocket socket, Caller? caller, StreamHub hub, KeyRing keys, int capacity, TimeSpan pingInterval, Func<AccountId, Task<IReadOnlyList<AccountId>>> subAccounts, Action<int> connections)
    {
        _socket = socket;
        _hub = hub;
        _keys = keys;
        _subAccounts = subAccounts;
        _pingInterval = pingInterval;
        _connections = connections;
        _outgoing = Channel.CreateBounded<string>(new BoundedChannelOptions(capacity) { SingleReader = true, FullMode = BoundedChannelFullMode.Wait });
        _caller = caller;
    }

    /// <summary>True for a key that sees every account's events (admin, venue).</summary>
    public bool SeesEveryAccount => _caller?.SeesEveryAccount == true;

    /// <summary>Whether the client subscribes to <paramref name="channel"/>.</summary>
    public bool Subscribes(string channel)
    {
        lock (_gate)
        {
            return _channels.Contains(channel);
        }
    }

    /// <summary>Whether the caller may see an event naming <paramref name="accounts"/>.</summary>
    public bool MaySeeAny(IReadOnlyList<AccountId> accounts)
    {
        ArgumentNullException.ThrowIfNull(accounts);
        if (SeesEveryAccount)
        {
            return true;
        }

        lock (_gate)
        {
            return accounts.Any(_visible.Contains);
        }
    }

    /// <summary>A sub-account was opened: a trader whose account is its parent sees it from now on.</summary>
    public void LearnSubAccount(AccountId account, AccountId parent)
    {
        lock (_gate)
        {
            if (_caller?.Account == parent)
            {
                _visible.Add(account);
            }
        }
    }

    /// <summary>Queues one data message; closes the connection when its queue is full.</summary>
    public void Send(string channel, long sequence, JsonObject data) =>
        Enqueue(writer =>
        {
            writer.WriteString("channel", channel);
            writer.WriteNumber("sequence", sequence);
            writer.WritePropertyName("data");
            data.WriteTo(writer);
        });

    /// <summary>Closes the connection with <paramref name="status"/> and <paramref name="reason"/> once what is queued is sent.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        lock (_gate)
        {
            _close ??= (status, reason);
        }

        _outgoing.Writer.TryComplete();
    }

    /// <summary>Runs the connection until either side closes it.</summary>
    public async Task RunAsync(CancellationToken cancellation)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellation, _closing.Token);
        _connections(1);
        try
        {
            var sending = SendLoopAsync(linked.Token);
            var pinging = PingLoopAsync(linked.Token);
            await ReceiveLoopAsync(linked.Token).ConfigureAwait(false);
            Close(WebSocketCloseStatus.NormalClosure, "bye");
            await sending.ConfigureAwait(false);
            await _closing.CancelAsync().ConfigureAwait(false);
            await pinging.ConfigureAwait(false);
        }
        finally
        {
            _hub.Remove(this);
            _connections(-1);
        }
    }

    /// <summary>Releases the connection's cancellation source (after <see cref="RunAsync"/> has returned).</summary>
    public void Dispose() => _closing.Dispose();

    private async Task ReceiveLoopAsync(CancellationToken cancellation)
    {
        var buffer = new byte[16 * 1024];
        using var authTimeout = new CancellationTokenSource(AuthenticationWait);
        while (_socket.State == WebSocketState.Open && !cancellation.IsCancellationRequested)
        {
            using var message = new MemoryStream();
            WebSocketReceiveResult received;
            try
            {
                using var linked = _caller is null ? CancellationTokenSource.CreateLinkedTokenSource(cancellation, authTimeout.Token) : CancellationTokenSource.CreateLinkedTokenSource(cancellation);
                do
                {
                    received = await _socket.ReceiveAsync(buffer, linked.Token).ConfigureAwait(false);
                    if (received.MessageType == WebSocketMessageType.Close)
                    {
                        return;
                    }

                    if (message.Length + received.Count > buffer.Length)
                    {
                        Close(WebSocketCloseStatus.MessageTooBig, "a message is larger than 16 KiB");
                        return;
                    }

                    message.Write(buffer, 0, received.Count);
                }
                while (!received.EndOfMessage);
            }
            catch (OperationCanceledException) when (authTimeout.IsCancellationRequested && _caller is null)
            {
                Close(WebSocketCloseStatus.PolicyViolation, "no API key: send {\"op\":\"auth\",\"key\":\"...\"} first, or the X-Api-Key header");
                return;
            }
            catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
            {
                return;
            }

            await HandleAsync(Encoding.UTF8.GetString(message.GetBuffer(), 0, (int)message.Length)).ConfigureAwait(false);
        }
    }

    private async Task HandleAsync(string text)
    {
        JsonFields request;
        string op;
        try
        {
            request = JsonFields.Parse(text);
            op = request.String("op");
        }
        catch (JsonInputException exception)
        {
            Error(exception.Field == "input" ? "INVALID_JSON" : "INVALID_FIELD", exception.Message);
            return;
        }

        try
        {
            switch (op)
            {
                case "ping":
                    request.RejectUnknown();
                    Enqueue(writer => writer.WriteString("op", "pong"));
                    break;
                case "auth":
                    var key = request.String("key");
                    request.RejectUnknown();
                    await AuthenticateAsync(key).ConfigureAwait(false);
                    break;
                case "subscribe" or "unsubscribe":
                    var channels = Channels(request);
                    request.RejectUnknown();
                    Subscribe(op == "subscribe", channels);
                    break;
                default:
                    Error("INVALID_FIELD", $"op: unknown operation {InputExcerpt.Quote(op)} (ping, auth, subscribe, unsubscribe)");
                    break;
            }
        }
        catch (JsonInputException exception)
        {
            Error("INVALID_FIELD", exception.Message);
        }
    }

    private static List<string> Channels(JsonFields request)
    {
        var names = request.OptionalStrings("channels") ?? throw request.Error("channels", "missing field");
        foreach (var name in names)
        {
            if (!StreamChannels.All.Contains(name))
            {
                throw request.Error("channels", $"unknown channel {InputExcerpt.Quote(name)} (one of {string.Join(", ", StreamChannels.All)})");
            }
        }

        return [.. names];
    }

    private async Task AuthenticateAsync(string text)
    {
        if (_caller is not null)
        {
            Error("INVALID_FIELD", "op: the connection is authenticated already");
            return;
        }

        if (_keys.Authenticate(text) is not { } key)
        {
            Error("UNAUTHORIZED", "the API key is unknown or revoked");
            Close(WebSocketCloseStatus.PolicyViolation, "unknown or revoked API key");
            return;
        }

        _caller = Caller.Of(Auth.ApiKeyAuthentication.Principal(key));
        await LoadVisibleAsync().ConfigureAwait(false);
        Enqueue(writer =>
        {
            writer.WriteString("op", "authenticated");
            writer.WriteString("role", RoleNames.Of(_caller.Role));
        });
    }

    /// <summary>The trader's own account and its sub-accounts, as the engine knows them now.</summary>
    internal async Task LoadVisibleAsync()
    {
        if (_caller is { Role: Role.Trader, Account: { } own })
        {
            var subAccounts = await _subAccounts(own).ConfigureAwait(false);
            lock (_gate)
            {
                _visible.Add(own);
                _visible.UnionWith(subAccounts);
            }
        }
    }

    private void Subscribe(bool subscribe, List<string> channels)
    {
        if (_caller is null)
        {
            Error("UNAUTHORIZED", "authenticate first: {\"op\":\"auth\",\"key\":\"...\"}");
            return;
        }

        lock (_gate)
        {
            if (subscribe)
            {
                _channels.UnionWith(channels);
            }
            else
            {
                _channels.ExceptWith(channels);
            }
        }

        var sequence = _hub.Add(this);
        string[] now;
        lock (_gate)
        {
            now = [.. StreamChannels.All.Where(_channels.Contains)];
        }

        Enqueue(writer =>
        {
            writer.WriteString("op", subscribe ? "subscribed" : "unsubscribed");
            writer.WriteStartArray("channels");
            foreach (var channel in now)
            {
                writer.WriteStringValue(channel);
            }

            writer.WriteEndArray();
            // The stream holds every committed event after this sequence: read a REST snapshot, then apply what follows.
            writer.WriteNumber("sequence", sequence);
        });
    }

    private void Error(string code, string message) =>
        Enqueue(writer =>
        {
            writer.WriteString("op", "error");
            writer.WriteString("code", code);
            writer.WriteString("message", message);
        });

    private void Enqueue(Action<Utf8JsonWriter> body)
    {
        string text;
        lock (_gate)
        {
            if (_close is not null)
            {
                return;
            }

            var seq = ++_seq;
            using var output = new MemoryStream();
            using (var writer = new Utf8JsonWriter(output))
            {
                writer.WriteStartObject();
                writer.WriteNumber("seq", seq);
                body(writer);
                writer.WriteEndObject();
            }

            text = Encoding.UTF8.GetString(output.GetBuffer(), 0, (int)output.Length);
            if (_outgoing.Writer.TryWrite(text))
            {
                return;
            }
        }

        Close(WebSocketCloseStatus.PolicyViolation, "slow consumer: the send queue is full");
    }

    private async Task SendLoopAsync(CancellationToken cancellation)
    {
        try
        {
            await foreach (var text in _outgoing.Reader.ReadAllAsync(cancellation).ConfigureAwait(false))
            {
                await _socket.SendAsync(Encoding.UTF8.GetBytes(text), WebSocketMessageType.Text, true, cancellation).ConfigureAwait(false);
            }

            (WebSocketCloseStatus Status, string Reason)? close;
            lock (_gate)
            {
                close = _close;
            }

            if (close is { } reason && _socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
            {
                await _socket.CloseOutputAsync(reason.Status, reason.Reason, cancellation).ConfigureAwait(false);
            }
        }
        catch (Exception exception) when (exception is OperationCanceledException or WebSocketException)
        {
        }
        finally
        {
            // A connection closed by the server (slow consumer, feed reset) stops reading too.
            await _closing.CancelAsync().ConfigureAwait(false);
        }
    }

    private async Task PingLoopAsync(CancellationToken cancellation)
    {
        using var timer = new PeriodicTimer(_pingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellation).ConfigureAwait(false))
            {
                Enqueue(writer => writer.WriteString("op", "ping"));
            }
        }
        catch (OperationCanceledException)
        {
        }
    }
}
