namespace Ringfence.Core.Engine.Commands;

/// <summary>
/// Something asked of the engine. Commands are plain immutable data; the engine validates them, and either applies one
/// completely or rejects it and changes nothing.
/// </summary>
public abstract record Command
{
    /// <summary>When the command happened, supplied by the caller (the engine never reads a clock); optional.</summary>
    public DateTimeOffset? Time { get; init; }

    /// <summary>The caller's id for the command: a repeated id returns the first outcome and changes nothing. Optional.</summary>
    public string? ClientId { get; init; }
}
