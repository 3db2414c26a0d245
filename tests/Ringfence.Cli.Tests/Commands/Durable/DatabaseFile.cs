using Microsoft.Data.Sqlite;

namespace Ringfence.Cli.Tests.Commands.Durable;

/// <summary>A SQLite database in its own temporary folder, written by an in-process <c>ringfence host</c>.</summary>
internal sealed class DatabaseFile : IDisposable
{
    private readonly DirectoryInfo _folder = Directory.CreateTempSubdirectory("ringfence-cli-");

    public string Path => System.IO.Path.Combine(_folder.FullName, "ringfence.db");

    /// <summary>Runs <c>ringfence host</c> on this file with <paramref name="commands"/> on standard input.</summary>
    public CliRun Host(string commands, params string[] options) => CliRun.Of(commands, ["host", "--db", Path, .. options]);

    /// <summary>Runs <c>ringfence <paramref name="args"/> --db FILE</c>.</summary>
    public CliRun Run(params string[] args) => CliRun.Of(string.Empty, [.. args, "--db", Path]);

    /// <summary>Runs one SQL statement on the file behind the store's back (a test damaging it).</summary>
    public void Damage(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => _folder.Delete(recursive: true);
}
