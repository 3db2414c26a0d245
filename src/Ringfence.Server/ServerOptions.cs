namespace Ringfence.Server;

/// <summary>
/// How <c>ringfence serve</c> runs, bound from the configuration section <c>Ringfence</c> (the CLI's flags set it; so
/// can <c>appsettings.json</c> or <c>Ringfence__Db</c>-style environment variables).
/// </summary>
public sealed class ServerOptions
{
    /// <summary>The configuration section.</summary>
    public const string Section = "Ringfence";

    /// <summary>A SQLite file (the default, <c>ringfence.db</c>) or a PostgreSQL connection string or URI.</summary>
    public string Db { get; set; } = "ringfence.db";

    /// <summary>Seed the demo venue (once, into an empty store) and play its price path.</summary>
    public bool Demo { get; set; }

    /// <summary>A Binance kline CSV the demo plays instead of its bundled synthetic crash; null: the bundled path.</summary>
    public string? Prices { get; set; }

    /// <summary>How much faster than one price a second the demo plays (2: two a second).</summary>
    public double Speed { get; set; } = 1;

    /// <summary>Requests a trader key may make per minute (ASP.NET Core's fixed-window limiter); admin keys have no limit.</summary>
    public int TraderRequestsPerMinute { get; set; } = 1_200;

    /// <summary>The largest request body accepted, in bytes; a larger one answers 413 <c>PAYLOAD_TOO_LARGE</c>.</summary>
    public long MaxRequestBodyBytes { get; set; } = 64 * 1024;

    /// <summary>Messages a WebSocket connection may leave unsent before it is closed as a slow consumer.</summary>
    public int StreamQueueCapacity { get; set; } = 4_096;

    /// <summary>Seconds between the server's pings on a WebSocket connection.</summary>
    public double StreamPingSeconds { get; set; } = 15;

    /// <summary>Commands between periodic snapshots (the host's default when 0).</summary>
    public long SnapshotEvery { get; set; }

    /// <summary>Liquidation steps kept for <c>GET /v1/liquidations</c> (the oldest are dropped beyond this).</summary>
    public int LiquidationHistory { get; set; } = 10_000;
}
