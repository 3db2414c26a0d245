using System.Text.Json;
using Ringfence.Storage;

namespace Ringfence.Cli.Tests.Commands.Keys;

/// <summary><c>ringfence keys create|list|revoke</c> on a store (docs/cli.md).</summary>
public sealed class KeysCommandTests : IDisposable
{
    private readonly DirectoryInfo _directory = Directory.CreateTempSubdirectory("ringfence-keys-cli-");

    private string Database => Path.Combine(_directory.FullName, "ringfence.db");

    [Fact]
    public void Creates_lists_and_revokes_keys_and_never_lists_a_secret()
    {
        EngineStores.Open(Database).Dispose();
        var created = CliRun.Of(string.Empty, "keys", "create", "--db", Database, "--role", "trader", "--account", "alice", "--json");
        Assert.True(created.ExitCode == 0, created.Error);
        var key = JsonDocument.Parse(created.Out).RootElement;
        Assert.Equal("trader", key.GetProperty("role").GetString());
        Assert.Equal("alice", key.GetProperty("account").GetString());
        var text = key.GetProperty("key").GetString()!;
        Assert.StartsWith($"rf_{key.GetProperty("id").GetString()}_", text, StringComparison.Ordinal);

        var plain = CliRun.Of(string.Empty, "keys", "create", "--db", Database, "--role", "admin");
        Assert.Equal(0, plain.ExitCode);
        Assert.Contains("not shown again", plain.Error, StringComparison.Ordinal);

        var listed = CliRun.Of(string.Empty, "keys", "list", "--db", Database, "--json");
        Assert.Equal(0, listed.ExitCode);
        Assert.Equal(2, listed.Out.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
        Assert.DoesNotContain(text[^43..], listed.Out, StringComparison.Ordinal);
        Assert.DoesNotContain(plain.Out.Trim()[^43..], listed.Out, StringComparison.Ordinal);

        var revoked = CliRun.Of(string.Empty, "keys", "revoke", "--db", Database, key.GetProperty("id").GetString()!);
        Assert.Equal(0, revoked.ExitCode);
        Assert.Contains("revoked", CliRun.Of(string.Empty, "keys", "list", "--db", Database).Out, StringComparison.Ordinal);
        Assert.Equal(ExitCodes.InputError, CliRun.Of(string.Empty, "keys", "revoke", "--db", Database, key.GetProperty("id").GetString()!).ExitCode);
    }

    [Theory]
    [InlineData("--role", "god")]
    [InlineData("--role", "trader")]
    [InlineData("--role", "admin", "--account", "alice")]
    [InlineData("--role", "trader", "--account", "$bad")]
    public void Refuses_a_wrong_role_or_account_with_one_line(params string[] options)
    {
        EngineStores.Open(Database).Dispose();
        var run = CliRun.Of(string.Empty, ["keys", "create", "--db", Database, .. options]);
        Assert.Equal(ExitCodes.InputError, run.ExitCode);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.Empty(run.Out);
    }

    [Fact]
    public void Refuses_a_store_that_is_not_there()
    {
        var run = CliRun.Of(string.Empty, "keys", "list", "--db", Database);
        Assert.Equal(ExitCodes.StoreError, run.ExitCode);
        Assert.Contains("no database", run.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Database));
    }

    public void Dispose() => _directory.Delete(recursive: true);
}
