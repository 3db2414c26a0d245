using Npgsql;

namespace Ringfence.Storage.Postgres;

/// <summary>Why a PostgreSQL operation failed, in an operator's words: the server's message, or the network's.</summary>
internal static class PostgresFailure
{
    /// <summary>Whether <paramref name="exception"/> is one the driver throws for a database or network failure.</summary>
    public static bool IsDatabaseFailure(Exception exception) =>
        exception is NpgsqlException or TimeoutException or System.Net.Sockets.SocketException;

    /// <summary>The reason, e.g. "Failed to connect to 127.0.0.1:5432: Connection refused".</summary>
    public static string Reason(Exception exception)
    {
        if (exception is PostgresException server)
        {
            // MessageText only: Detail can quote row values.
            return $"{server.MessageText} (SQLSTATE {server.SqlState})";
        }

        var innermost = exception;
        while (innermost.InnerException is not null)
        {
            innermost = innermost.InnerException;
        }

        return innermost == exception || exception.Message.Contains(innermost.Message, StringComparison.Ordinal)
            ? exception.Message
            : $"{exception.Message.TrimEnd('.')}: {innermost.Message}";
    }

    /// <summary>A <see cref="StorageException"/> saying what failed, where and why.</summary>
    public static StorageException Wrap(Exception exception, string what, string where) =>
        new($"cannot {what} in {where}: {Reason(exception)}", exception);
}
