using System.CommandLine;
using System.Globalization;
using Ringfence.Server;

namespace Ringfence.Cli.Commands.Serve;

/// <summary>
/// <c>ringfence serve [--db FILE|CONNECTION] [--urls URLS] [--demo] [--prices FILE] [--speed X]</c>: the risk service —
/// REST + WebSocket API, API keys, OpenAPI at <c>/docs</c>, metrics — over the durable engine (docs/api.md). Runs until
/// interrupted; Ctrl-C drains the queue and commits before it exits.
/// </summary>
internal static class ServeCommand
{
    /// <summary>The address served when <c>--urls</c> is not given: loopback only.</summary>
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <summary>Creates the command, bound to <paramref name="streams"/>.</summary>
    public static Command Create(StandardStreams streams)
    {
        var db = DatabaseOption.Create();
        var urls = new Option<string>("--urls") { Description = $"Where to listen (default {DefaultUrls}; several separated by ';').", DefaultValueFactory = _ => DefaultUrls, HelpName = "URLS" };
        var demo = new Option<bool>("--demo") { Description = "Seed a demo venue into an empty store and play a price crash through it." };
        var prices = new Option<string?>("--prices") { Description = "A Binance kline CSV for the demo to play instead of its synthetic crash.", HelpName = "FILE" };
        var speed = new Option<double>("--speed") { Description = "How many demo prices a second (default 1).", DefaultValueFactory = _ => 1 };
        var command = new Command("serve", "Run the risk service: REST + WebSocket API over the durable engine.");
        command.Options.Add(db);
        command.Options.Add(urls);
        command.Options.Add(demo);
        command.Options.Add(prices);
        command.Options.Add(speed);
        command.SetAction(parseResult => Execute(streams, parseResult.GetValue(db)!, parseResult.GetValue(urls)!, parseResult.GetValue(demo), parseResult.GetValue(prices), parseResult.GetValue(speed)));
        return command;
    }

    private static int Execute(StandardStreams streams, string db, string urls, bool demo, string? prices, double speed)
    {
        if (!(speed > 0) || double.IsInfinity(speed))
        {
            ErrorLine.Write(streams.Error, $"--speed: must be a positive number, not {speed.ToString(CultureInfo.InvariantCulture)}");
            return ExitCodes.InputError;
        }

        if (prices is not null && !File.Exists(prices))
        {
            ErrorLine.Write(streams.Error, $"--prices: no file at '{prices}'");
            return ExitCodes.InputError;
        }

        var settings = new Dictionary<string, string?>
        {
            ["urls"] = urls,
            [$"{ServerOptions.Section}:{nameof(ServerOptions.Db)}"] = db,
            [$"{ServerOptions.Section}:{nameof(ServerOptions.Demo)}"] = demo ? "true" : "false",
            [$"{ServerOptions.Section}:{nameof(ServerOptions.Prices)}"] = prices,
            [$"{ServerOptions.Section}:{nameof(ServerOptions.Speed)}"] = speed.ToString(CultureInfo.InvariantCulture),
        };
        using var app = ServerApp.Create([], settings);
        try
        {
            app.Run();
        }
        catch (IOException exception)
        {
            // Kestrel cannot bind (the port is taken, the address is not this machine's).
            ErrorLine.Write(streams.Error, $"cannot listen on {urls}: {exception.Message}");
            return ExitCodes.InputError;
        }

        return ExitCodes.Success;
    }
}
