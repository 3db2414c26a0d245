using System.Diagnostics;
using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Serialization.Wire;
using Ringfence.Hosting;
using Ringfence.Server.Api;
using Ringfence.Server.Metrics;

namespace Ringfence.Server.Engine;

/// <summary>
/// How endpoints reach the engine: commands are journaled before they are answered (a rejection becomes a problem
/// answer with the engine's code), reads run on the engine thread between batches and see only committed state.
/// </summary>
public sealed class EngineGateway
{
    private readonly EngineService _engine;
    private readonly ServerMetrics _metrics;

    internal EngineGateway(EngineService engine, ServerMetrics metrics)
    {
        _engine = engine;
        _metrics = metrics;
    }

    /// <summary>Submits <paramref name="command"/> and returns its acknowledgement once it is journaled.</summary>
    /// <exception cref="ProblemException">The engine rejected it (nothing changed), or is not running.</exception>
    public async Task<Acknowledgement> ExecuteAsync(Command command, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(command);
        var host = Running();
        var started = Stopwatch.GetTimestamp();
        Acknowledgement acknowledgement;
        try
        {
            acknowledgement = await host.SubmitAsync(command, cancellation).ConfigureAwait(false);
        }
        catch (HostFailedException exception)
        {
            throw new ProblemException(StatusCodes.Status503ServiceUnavailable, ProblemCodes.Unavailable, exception.Message);
        }

        var result = acknowledgement.Result;
        _metrics.CommandCompleted(CommandWriter.TypeOf(command.GetType()), Stopwatch.GetElapsedTime(started));
        if (result.Rejection is { } rejection)
        {
            throw new ProblemException(ProblemWriter.StatusOf(rejection.Code), rejection.Code, rejection.Reason);
        }

        return acknowledgement;
    }

    /// <summary>Runs <paramref name="read"/> on the engine thread (see <see cref="EngineHost.ReadAsync{T}"/>).</summary>
    /// <exception cref="ProblemException">The engine is not running.</exception>
    public async Task<T> ReadAsync<T>(Func<MarginEngine, T> read, CancellationToken cancellation = default)
    {
        var host = Running();
        try
        {
            return await host.ReadAsync(read, cancellation).ConfigureAwait(false);
        }
        catch (HostFailedException exception)
        {
            throw new ProblemException(StatusCodes.Status503ServiceUnavailable, ProblemCodes.Unavailable, exception.Message);
        }
    }

    /// <summary>The running host.</summary>
    /// <exception cref="ProblemException">Recovery has not finished, or the engine could not start (503).</exception>
    public EngineHost Running()
    {
        try
        {
            return _engine.Host;
        }
        catch (EngineNotReadyException exception)
        {
            throw new ProblemException(StatusCodes.Status503ServiceUnavailable, ProblemCodes.NotReady, exception.Message);
        }
    }
}
