using System.Text.Json;

namespace Ringfence.Cli.Tests;

/// <summary>One <c>ringfence run --json</c>: the process result and its parsed output object.</summary>
internal sealed record RunOutput(CliRun Run, JsonElement Json)
{
    /// <summary>Runs <c>run FILE --json</c> plus <paramref name="options"/> in-process and parses standard output.</summary>
    public static RunOutput Of(string path, params string[] options)
    {
        var run = CliRun.Of(string.Empty, ["run", path, "--json", .. options]);
        Assert.True(run.ExitCode is 0 or 2, $"exit {run.ExitCode}: {run.Error}");
        using var document = JsonDocument.Parse(run.Out);
        return new RunOutput(run, document.RootElement.Clone());
    }

    /// <summary>The <c>events</c> array.</summary>
    public IReadOnlyList<JsonElement> Events => [.. Json.GetProperty("events").EnumerateArray()];

    /// <summary>The <c>errors</c> array.</summary>
    public IReadOnlyList<JsonElement> Errors => [.. Json.GetProperty("errors").EnumerateArray()];

    /// <summary>The <c>state</c> object.</summary>
    public JsonElement State => Json.GetProperty("state");

    /// <summary>The events of one line.</summary>
    public IReadOnlyList<JsonElement> EventsOfLine(int line) => [.. Events.Where(e => e.GetProperty("line").GetInt32() == line)];

    /// <summary>The events of one type.</summary>
    public IReadOnlyList<JsonElement> EventsOfType(string type) => [.. Events.Where(e => e.GetProperty("type").GetString() == type)];

    /// <summary>The position of <paramref name="account"/> in <paramref name="symbol"/>.</summary>
    public JsonElement Position(string account, string symbol) =>
        Assert.Single(State.GetProperty("positions").EnumerateArray(), p => p.Text("account") == account && p.Text("symbol") == symbol);

    /// <summary>A free balance from <c>state.accounts</c>.</summary>
    public string Balance(string account, string asset) =>
        State.GetProperty("accounts").GetProperty(account).GetProperty("balances").GetProperty(asset).GetString()!;
}
