using System.Text.Json.Nodes;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Serialization;
using Ringfence.Hosting.Feed;

namespace Ringfence.Server.Streaming;

/// <summary>
/// Fans committed results out to WebSocket connections. Fed by the server's feed dispatcher from the committed-results
/// feed only, so nothing reaches a client before it is journaled. Never waits for a connection: each has a bounded
/// queue, and one whose queue is full is closed as a slow consumer.
/// </summary>
public sealed class StreamHub
{
    private readonly Lock _gate = new();
    private readonly List<StreamConnection> _connections = [];
    private long _sequence = -1;

    /// <summary>The last journal sequence published (−1 before the feed has started).</summary>
    public long Sequence
    {
        get
        {
            lock (_gate)
            {
                return _sequence;
            }
        }
    }

    /// <summary>The feed starts after <paramref name="sequence"/> (the host's committed sequence when it subscribed).</summary>
    public void Start(long sequence)
    {
        lock (_gate)
        {
            _sequence = sequence;
        }
    }

    /// <summary>Registers a connection and returns the sequence its stream starts after.</summary>
    public long Add(StreamConnection connection)
    {
        lock (_gate)
        {
            if (!_connections.Contains(connection))
            {
                _connections.Add(connection);
            }

            return _sequence;
        }
    }

    /// <summary>Removes a connection.</summary>
    public void Remove(StreamConnection connection)
    {
        lock (_gate)
        {
            _connections.Remove(connection);
        }
    }

    /// <summary>Closes every connection: the server's feed was interrupted, so their streams would have a gap.</summary>
    public void Reset(string reason)
    {
        StreamConnection[] connections;
        lock (_gate)
        {
            connections = [.. _connections];
            _connections.Clear();
        }

        foreach (var connection in connections)
        {
            connection.Close(System.Net.WebSockets.WebSocketCloseStatus.EndpointUnavailable, reason);
        }
    }

    /// <summary>Publishes one committed result's events to the connections that may see them.</summary>
    public void Publish(CommittedResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        lock (_gate)
        {
            _sequence = result.Sequence;
            if (_connections.Count == 0 || !result.Result.Accepted)
            {
                return;
            }

            foreach (var @event in result.Result.Events)
            {
                var channels = StreamChannels.Of(@event);
                if (channels.Count == 0)
                {
                    continue;
                }

                if (@event is AccountCreated { Parent: { } parent } created)
                {
                    foreach (var connection in _connections)
                    {
                        connection.LearnSubAccount(created.Account, parent);
                    }
                }

                var accounts = ReadModels.EventSubjects.AccountsOf(@event).ToArray();
                JsonObject? full = null;
                JsonObject? anonymous = null;
                foreach (var channel in channels)
                {
                    foreach (var connection in _connections)
                    {
                        if (!connection.Subscribes(channel))
                        {
                            continue;
                        }

                        var owns = connection.MaySeeAny(accounts);
                        if (!owns && !StreamChannels.IsPublic(channel))
                        {
                            continue;
                        }

                        var data = owns || connection.SeesEveryAccount
                            ? full ??= EventJson.ToJson(@event)
                            : anonymous ??= Anonymous(EventJson.ToJson(@event), accounts.Length > 0);
                        connection.Send(channel, result.Sequence, data);
                    }
                }
            }
        }
    }

    // A public liquidation without whose it was (Binance's forceOrder stream shows no account either).
    private static JsonObject Anonymous(JsonObject data, bool namesAccounts)
    {
        if (namesAccounts)
        {
            foreach (var name in new[] { "account", "bankrupt", "buyer", "seller", "from", "to" })
            {
                data.Remove(name);
            }
        }

        return data;
    }

}
