using Microsoft.Data.Sqlite;
using Ringfence.Storage.Sqlite;

namespace Ringfence.Storage.Tests.Sqlite;

public sealed class SqliteEngineStoreTests : IDisposable
{
    private readonly SqliteTestFile _file = new();

    [Fact]
    public void Creates_a_new_file_in_wal_mode_marked_as_a_ringfence_store_of_this_format()
    {
        using (var store = new SqliteEngineStore(_file.Path))
        {
            Assert.Equal($"SQLite file {_file.Path}", store.Description);
        }

        Assert.Equal(SqliteSchema.ApplicationId, Scalar("PRAGMA application_id"));
        Assert.Equal(StoreFormat.Version, Scalar("PRAGMA user_version"));
        Assert.Equal("wal", Text("PRAGMA journal_mode"));
    }

    [Fact]
    public void An_existing_empty_file_becomes_a_store()
    {
        File.WriteAllBytes(_file.Path, []);
        using var store = new SqliteEngineStore(_file.Path);
        Assert.Equal(0, store.Journal.LastSequence);
    }

    [Fact]
    public void Refuses_a_file_that_is_not_a_sqlite_database_and_leaves_it_alone()
    {
        var garbage = Enumerable.Range(0, 4096).Select(i => (byte)(i * 7)).ToArray();
        File.WriteAllBytes(_file.Path, garbage);
        var error = Assert.Throws<StorageException>(() => new SqliteEngineStore(_file.Path));
        Assert.Equal($"cannot open SQLite file {_file.Path}: it is not a SQLite database", error.Message);
        Assert.Equal(garbage, File.ReadAllBytes(_file.Path));
    }

    [Fact]
    public void Refuses_another_applications_database()
    {
        Execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        var error = Assert.Throws<StorageException>(() => new SqliteEngineStore(_file.Path));
        Assert.Contains(_file.Path, error.Message, StringComparison.Ordinal);
        Assert.Contains("another application, not a Ringfence store", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Refuses_a_store_of_another_format_version()
    {
        new SqliteEngineStore(_file.Path).Dispose();
        Execute($"PRAGMA user_version = {StoreFormat.Version + 1}");
        var error = Assert.Throws<StorageException>(() => new SqliteEngineStore(_file.Path));
        Assert.Equal($"SQLite file {_file.Path} has store format version {StoreFormat.Version + 1}, newer than this build reads ({StoreFormat.Version}); use a newer Ringfence", error.Message);
    }

    [Fact]
    public void Refuses_a_store_of_the_per_command_journal_format_saying_what_to_do()
    {
        // Version 1 journaled one JSON row per command; this build journals batches and does not read it.
        new SqliteEngineStore(_file.Path).Dispose();
        Execute("PRAGMA user_version = 1");
        var error = Assert.Throws<StorageException>(() => new SqliteEngineStore(_file.Path));
        Assert.Equal($"SQLite file {_file.Path} has store format version 1 (a journal of one JSON row per command), which this build does not read: "
            + "it journals batches (version 2). Replay or export it with the build that wrote it, or start a new store", error.Message);
    }

    [Fact]
    public void Refuses_a_file_in_a_missing_directory_or_a_directory()
    {
        var missing = Path.Combine(_file.Directory, "no-such-directory", "ringfence.db");
        var error = Assert.Throws<StorageException>(() => new SqliteEngineStore(missing));
        Assert.Equal($"cannot open SQLite file {missing}: the directory {Path.GetDirectoryName(missing)} does not exist", error.Message);

        error = Assert.Throws<StorageException>(() => new SqliteEngineStore(_file.Directory));
        Assert.Contains("it is a directory", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_relative_path_is_described_by_its_full_path()
    {
        var relative = Path.GetRelativePath(Environment.CurrentDirectory, _file.Path);
        using var store = new SqliteEngineStore(relative);
        Assert.Equal($"SQLite file {_file.Path}", store.Description);
    }

    [Fact]
    public void A_second_writer_is_told_which_lock_file_keeps_it_out_and_the_file_stays_for_the_next()
    {
        var first = new SqliteEngineStore(_file.Path);
        var error = Assert.Throws<StoreInUseException>(() => new SqliteEngineStore(_file.Path));
        Assert.Equal($"SQLite file {_file.Path} is in use by another writer, which holds its lock file {_file.Path}-lock; one writer at a time: stop the other first (reading beside it is fine)", error.Message);
        first.Dispose();

        // Deleting it on release would let two later writers lock two different files of the same name.
        Assert.True(File.Exists(_file.Path + "-lock"));
        using var second = new SqliteEngineStore(_file.Path);
    }

    [Fact]
    public void A_reader_creates_no_file_and_leaves_an_empty_one_alone()
    {
        var error = Assert.Throws<StorageException>(() => new SqliteEngineStore(_file.Path, StoreAccess.Read));
        Assert.Equal($"cannot open SQLite file {_file.Path}: there is no such file (a host creates it when it first starts)", error.Message);
        Assert.False(File.Exists(_file.Path));

        File.WriteAllBytes(_file.Path, []);
        error = Assert.Throws<StorageException>(() => new SqliteEngineStore(_file.Path, StoreAccess.Read));
        Assert.Equal($"SQLite file {_file.Path} holds no Ringfence store yet (it is empty; a host creates the store when it first starts)", error.Message);
        Assert.Equal(0, new FileInfo(_file.Path).Length);
        Assert.False(File.Exists(_file.Path + "-lock"));
    }

    [Fact]
    public void A_reader_refuses_a_directory_or_another_applications_database()
    {
        var error = Assert.Throws<StorageException>(() => new SqliteEngineStore(_file.Directory, StoreAccess.Read));
        Assert.Equal($"cannot open SQLite file {_file.Directory}: it is a directory", error.Message);

        Execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT)");
        error = Assert.Throws<StorageException>(() => new SqliteEngineStore(_file.Path, StoreAccess.Read));
        Assert.Contains("another application, not a Ringfence store", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => _file.Dispose();

    private long Scalar(string sql) => Convert.ToInt64(Query(sql), System.Globalization.CultureInfo.InvariantCulture);

    private string? Text(string sql) => Query(sql) as string;

    private void Execute(string sql) => Query(sql);

    private object? Query(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={_file.Path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
