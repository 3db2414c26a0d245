using System.CommandLine;

namespace Ringfence.Cli.Commands;

/// <summary>The <c>--db</c> option every durable command shares: where the journal and snapshots are.</summary>
internal static class DatabaseOption
{
    /// <summary>The file used when <c>--db</c> is not given.</summary>
    public const string DefaultFile = "ringfence.db";

    /// <summary>Creates the option.</summary>
    public static Option<string> Create() => new("--db")
    {
        Description = $"A SQLite file (default {DefaultFile}) or a PostgreSQL connection string ('Host=...;Database=...' or postgres://...).",
        HelpName = "FILE|CONNECTION",
        DefaultValueFactory = _ => DefaultFile,
    };
}
