namespace Ringfence.Server;

/// <summary>The server's own entry point (<c>ringfence serve</c> builds the same application from the CLI).</summary>
public sealed class Program
{
    private Program()
    {
    }

    /// <summary>Runs the server with settings from the command line (<c>--Ringfence:Db=…</c>), appsettings or the environment.</summary>
    public static Task Main(string[] args) => ServerApp.Create(args).RunAsync();
}
