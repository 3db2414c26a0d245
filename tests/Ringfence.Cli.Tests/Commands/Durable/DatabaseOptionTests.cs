namespace Ringfence.Cli.Tests.Commands.Durable;

/// <summary>
/// <c>--db</c> values that cannot name a store: each durable command exits 3 with one plain line saying what is wrong,
/// and creates nothing.
/// </summary>
public sealed class DatabaseOptionTests
{
    /// <summary>Every durable command, as its words on the command line.</summary>
    public static TheoryData<string> Commands => new() { "host", "replay", "replay --verify", "snapshot", "journal tail" };

    [Theory]
    [MemberData(nameof(Commands))]
    public void An_Empty_Db_Is_Refused_In_Words(string command)
    {
        foreach (var empty in new[] { "", "  " })
        {
            var run = CliRun.Of(string.Empty, [.. command.Split(' '), "--db", empty]);
            Assert.Equal(3, run.ExitCode);
            Assert.Equal(string.Empty, run.Out);
            Assert.Equal(["error: --db is empty: give a SQLite file (e.g. ringfence.db) or a PostgreSQL connection string ('Host=...;Database=...' or postgres://...)"], run.ErrorLines);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_Mistyped_Connection_String_Is_Refused_Naming_The_Keyword_And_Creates_No_File_Of_That_Name(string command)
    {
        // Relative, as typed on a command line: before, host created a SQLite file of this name in the current directory.
        const string location = "Hots=localhost;Database=risk;Password=secret-4711";
        try
        {
            var run = CliRun.Of(string.Empty, [.. command.Split(' '), "--db", location]);
            Assert.Equal(3, run.ExitCode);
            var line = Assert.Single(run.ErrorLines);
            Assert.StartsWith("error: the PostgreSQL connection string has the keyword 'Hots', which Npgsql does not know", line, StringComparison.Ordinal);
            Assert.DoesNotContain("secret-4711", run.Error, StringComparison.Ordinal);
            Assert.False(File.Exists(location), $"a file named '{location}' was created");
        }
        finally
        {
            File.Delete(location);
        }
    }

    [Theory]
    [MemberData(nameof(Commands))]
    public void A_Directory_Is_Said_To_Be_One(string command)
    {
        using var db = new DatabaseFile();
        var directory = Path.GetDirectoryName(db.Path)!;
        var run = CliRun.Of(string.Empty, [.. command.Split(' '), "--db", directory]);
        Assert.Equal(3, run.ExitCode);
        Assert.Equal([$"error: cannot open SQLite file {directory}: it is a directory"], run.ErrorLines);
        Assert.Empty(Directory.EnumerateFileSystemEntries(directory));
    }
}
