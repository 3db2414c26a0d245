using System.Text.Json;

namespace Ringfence.Cli.Tests;

/// <summary>The built <c>ringfence</c> program, started as a real child process.</summary>
public sealed class ExecutableTests
{
    [Fact]
    public async Task Ringfence_Executable_Exits_0_On_A_Position_And_2_On_Bad_Input()
    {
        var ok = await RunAsync(PositionInput.With(("markPrice", "\"95\"")), "calc", "position", "--json");
        Assert.True(ok.ExitCode == 0, ok.Error);
        Assert.Equal(string.Empty, ok.Error);
        using (var report = JsonDocument.Parse(ok.Out))
        {
            Assert.Equal("10", report.RootElement.GetProperty("initialMargin").GetString());
        }

        var bad = await RunAsync(PositionInput.With(("quantity", "0")), "calc", "position", "--json");
        Assert.Equal(2, bad.ExitCode);
        Assert.Equal(string.Empty, bad.Out);
        Assert.Equal("error: quantity: must be positive (got 0)", bad.Error.TrimEnd());
    }

    [Fact]
    public async Task Ringfence_Executable_Runs_A_Scenario_File_Like_The_In_Process_Run()
    {
        var path = Repository.Scenario("isolated-vs-cross.jsonl");

        var child = await RunAsync(string.Empty, "run", path, "--json");

        Assert.True(child.ExitCode == 0, child.Error);
        Assert.Equal(string.Empty, child.Error);
        using (var output = JsonDocument.Parse(child.Out))
        {
            var alice = output.RootElement.GetProperty("state").GetProperty("positions")[0];
            Assert.Equal("alice", alice.GetProperty("account").GetString());
            Assert.Equal("19450", alice.GetProperty("liquidationPrice").GetString());
        }

        // Another process, the same bytes: nothing in the output depends on the process that produced it.
        Assert.Equal(CliRun.Of(string.Empty, "run", path, "--json").Out, child.Out);
    }

    private static async Task<CliRun> RunAsync(string stdin, params string[] args)
    {
        using var process = RingfenceExecutable.Start(args);
        await process.StandardInput.WriteAsync(stdin);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        // A hang guard only: starting a runtime takes well under a second, many seconds on a loaded machine.
        var limit = TimeSpan.FromMinutes(3);
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException) when (timeout.IsCancellationRequested)
        {
            process.Kill();
            throw new TimeoutException($"ringfence {string.Join(' ', args)} did not exit within {limit.TotalMinutes} minutes (a hang guard)");
        }

        return new CliRun(process.ExitCode, await output, await error);
    }
}
