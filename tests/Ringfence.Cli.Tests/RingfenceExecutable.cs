using System.Diagnostics;

namespace Ringfence.Cli.Tests;

/// <summary>Starts the built <c>ringfence</c> program as a real child process with its standard streams redirected.</summary>
internal static class RingfenceExecutable
{
    /// <summary>Starts <c>ringfence <paramref name="args"/></c>.</summary>
    public static Process Start(params string[] args)
    {
        var start = new ProcessStartInfo(DotnetHost())
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(RingfenceDll());
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        return Process.Start(start) ?? throw new InvalidOperationException("could not start dotnet");
    }

    /// <summary>The Cli project reference copies ringfence.dll (and its runtimeconfig) next to the test assembly.</summary>
    private static string RingfenceDll()
    {
        var path = Path.Combine(AppContext.BaseDirectory, "ringfence.dll");
        Assert.True(File.Exists(path), $"{path} not found");
        Assert.True(File.Exists(Path.ChangeExtension(path, ".runtimeconfig.json")), "ringfence.runtimeconfig.json not found next to ringfence.dll");
        return path;
    }

    /// <summary>The SDK's own host when run under it (dotnet test sets DOTNET_HOST_PATH), else dotnet on PATH.</summary>
    private static string DotnetHost() =>
        Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host && File.Exists(host) ? host : "dotnet";
}
