namespace Ringfence.Server;

/// <summary>The server's log messages (source-generated; never a key or a secret in any of them).</summary>
internal static partial class ServerLog
{
    [LoggerMessage(1, LogLevel.Information, "Recovering {Store}")]
    public static partial void Recovering(ILogger logger, string store);

    [LoggerMessage(2, LogLevel.Information, "Recovered to sequence {Sequence} ({Replayed} commands replayed)")]
    public static partial void Recovered(ILogger logger, long sequence, long replayed);

    [LoggerMessage(3, LogLevel.Error, "The engine could not start")]
    public static partial void EngineFailed(ILogger logger, Exception exception);

    [LoggerMessage(4, LogLevel.Warning, "Cannot reload the API keys: {Reason}")]
    public static partial void KeysNotReloaded(ILogger logger, string reason);

    [LoggerMessage(5, LogLevel.Warning, "The server fell behind the committed-results feed ({Reason}); streams are closed and the feed is read again")]
    public static partial void FeedDropped(ILogger logger, string reason);

    [LoggerMessage(6, LogLevel.Error, "Unexpected error on {Method} {Path}")]
    public static partial void Unexpected(ILogger logger, Exception exception, string method, string path);

    [LoggerMessage(7, LogLevel.Information, "Demo: {Message}")]
    public static partial void Demo(ILogger logger, string message);
}
