using Npgsql;
using Ringfence.Storage;

namespace Ringfence.Cli.Bench.Journal;

/// <summary>
/// A fresh, empty store for one benchmark run, removed afterwards: a SQLite file in its own temporary folder, or a
/// PostgreSQL schema of its own (dropped afterwards) in the database the connection string names.
/// </summary>
internal sealed class ScratchStore : IDisposable
{
    private readonly string _location;
    private readonly Action _remove;

    private ScratchStore(string location, Action remove)
    {
        _location = location;
        _remove = remove;
    }

    /// <summary>Creates the scratch store for <paramref name="backend"/> (<c>sqlite</c> or <c>postgres</c>).</summary>
    public static ScratchStore Create(string backend, string? postgres) => backend switch
    {
        "sqlite" => Sqlite(),
        "postgres" => Postgres(postgres ?? throw new ArgumentException("postgres needs a connection string", nameof(postgres))),
        _ => throw new ArgumentException($"unknown backend '{backend}'", nameof(backend)),
    };

    /// <summary>The store's <c>--db</c> location.</summary>
    public string Location => _location;

    /// <summary>Opens the store (each call a new connection to the same store).</summary>
    public IEngineStore Open() => EngineStores.Open(_location);

    /// <summary>Removes the store.</summary>
    public void Dispose() => _remove();

    private static ScratchStore Sqlite()
    {
        var folder = Directory.CreateTempSubdirectory("ringfence-bench-");
        return new ScratchStore(Path.Combine(folder.FullName, "ringfence.db"), () => folder.Delete(recursive: true));
    }

    private static ScratchStore Postgres(string connection)
    {
        // A schema of its own in the given database (the store creates it): no CREATEDB needed, dropped whole after.
        var name = $"ringfence_bench_{Guid.NewGuid():N}";
        return new ScratchStore(
            $"{connection.TrimEnd(';')};Schema={name}",
            () => Administer(connection, $"DROP SCHEMA IF EXISTS {name} CASCADE"));
    }

    private static void Administer(string connection, string statement)
    {
        using var admin = new NpgsqlConnection(connection);
        admin.Open();
        using var command = admin.CreateCommand();
#pragma warning disable CA2100 // The schema name is generated here from a GUID, never from input.
        command.CommandText = statement;
#pragma warning restore CA2100
        command.ExecuteNonQuery();
    }
}
