using System.Globalization;
using Prometheus;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Events;

namespace Ringfence.Server.Metrics;

/// <summary>
/// The server's Prometheus metrics (<c>/metrics</c>), in a registry of its own so that two servers in one process (the
/// tests) do not share counters.
/// </summary>
public sealed class ServerMetrics
{
    private readonly Counter _commands;
    private readonly Histogram _commandSeconds;
    private readonly Counter _liquidations;
    private readonly Gauge _insuranceFunds;
    private readonly Gauge _connections;
    private readonly Gauge _sequence;
    private readonly Gauge _commits;
    private readonly Gauge _meanBatch;
    private readonly Gauge _feedLag;
    private long _dispatched;

    public ServerMetrics()
    {
        Registry = Prometheus.Metrics.NewCustomRegistry();
        Factory = Prometheus.Metrics.WithCustomRegistry(Registry);
        _commands = Factory.CreateCounter("ringfence_commands_total", "Committed commands by type and outcome (accepted, rejected, duplicate).", ["type", "outcome"]);
        _commandSeconds = Factory.CreateHistogram("ringfence_command_duration_seconds", "From an API request's command being queued to its acknowledgement (journaled).", ["type"],
            new HistogramConfiguration { Buckets = Histogram.ExponentialBuckets(0.0001, 2, 16) });
        _liquidations = Factory.CreateCounter("ringfence_liquidations_total", "Liquidation steps by kind (partial, full, adl, backstop, gap).", ["kind"]);
        _insuranceFunds = Factory.CreateGauge("ringfence_insurance_fund_balance", "Each instrument's insurance fund, in its settle asset.", ["symbol", "asset"]);
        _connections = Factory.CreateGauge("ringfence_websocket_connections", "Open WebSocket stream connections.");
        _sequence = Factory.CreateGauge("ringfence_journal_sequence", "The last journaled command's sequence.");
        _commits = Factory.CreateGauge("ringfence_journal_commits", "Journal transactions (group commits) since the server started.");
        _meanBatch = Factory.CreateGauge("ringfence_journal_mean_batch_commands", "Commands per journal batch since the server started (journaled commands over commits).");
        _feedLag = Factory.CreateGauge("ringfence_feed_lag_commands", "Journaled commands the server's read models and streams have not yet consumed.");
    }

    /// <summary>The registry <c>/metrics</c> exports.</summary>
    public CollectorRegistry Registry { get; }

    /// <summary>The factory of the registry (for the HTTP metrics middleware).</summary>
    public IMetricFactory Factory { get; }

    /// <summary>Records an API command's round trip.</summary>
    public void CommandCompleted(string type, TimeSpan elapsed) => _commandSeconds.WithLabels(type).Observe(elapsed.TotalSeconds);

    /// <summary>Counts one committed command and its events (from the committed-results feed).</summary>
    public void Committed(long sequence, string type, ExecutionResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        Interlocked.Exchange(ref _dispatched, sequence);
        _commands.WithLabels(type, result.Duplicate ? "duplicate" : result.Accepted ? "accepted" : "rejected").Inc();
        foreach (var @event in result.Events)
        {
            switch (@event)
            {
                case PositionLiquidated liquidated:
                    _liquidations.WithLabels(liquidated.Partial ? "partial" : "full").Inc();
                    break;
                case AutoDeleveraged:
                    _liquidations.WithLabels("adl").Inc();
                    break;
                case BackstopAbsorbed:
                    _liquidations.WithLabels("backstop").Inc();
                    break;
                case BankruptcyGapCovered:
                    _liquidations.WithLabels("gap").Inc();
                    break;
                case InsuranceFundChanged fund:
                    _insuranceFunds.WithLabels(fund.Symbol, fund.Asset.ToString()).Set(double.Parse(fund.Balance.ToString(), CultureInfo.InvariantCulture));
                    break;
            }
        }
    }

    /// <summary>A WebSocket connection opened (+1) or closed (−1).</summary>
    public void Connections(int change) => _connections.Inc(change);

    /// <summary>Reads the host's journal figures just before a scrape.</summary>
    public void Observe(Hosting.EngineHost host)
    {
        ArgumentNullException.ThrowIfNull(host);
        var sequence = host.Sequence;
        var commits = host.Commits;
        _sequence.Set(sequence);
        _commits.Set(commits);
        _meanBatch.Set(commits == 0 ? 0 : (double)(sequence - host.Recovery.Sequence) / commits);
        _feedLag.Set(Math.Max(0, sequence - Math.Max(Interlocked.Read(ref _dispatched), host.Recovery.Sequence)));
    }
}
