namespace Ringfence.Core.Engine.Events;

/// <summary>Something the engine decided. Events are plain immutable data; their type name is their <c>type</c>.</summary>
public abstract record EngineEvent
{
    /// <summary>The event's type name, e.g. <c>PositionOpened</c>.</summary>
    public string Type => GetType().Name;
}
