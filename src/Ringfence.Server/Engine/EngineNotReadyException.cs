namespace Ringfence.Server.Engine;

/// <summary>The engine is not taking requests yet (recovering) or could not start: the request answers 503.</summary>
public sealed class EngineNotReadyException : Exception
{
    public EngineNotReadyException()
    {
    }

    public EngineNotReadyException(string message)
        : base(message)
    {
    }

    public EngineNotReadyException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
