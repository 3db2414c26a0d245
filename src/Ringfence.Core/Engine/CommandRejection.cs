namespace Ringfence.Core.Engine;

/// <summary>Thrown inside the engine to reject the command in progress; the engine rolls back and reports it.</summary>
internal sealed class CommandRejection(string code, string reason) : Exception(reason)
{
    public string Code { get; } = code;
}
