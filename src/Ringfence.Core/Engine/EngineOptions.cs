using Ringfence.Core.Pods;

namespace Ringfence.Core.Engine;

/// <summary>How an engine is set up. Two engines given the same options and commands produce the same events and hash.</summary>
public sealed record EngineOptions
{
    /// <summary>The default <see cref="IdempotencyWindow"/>: the client ids of the last million accepted commands that carried one.</summary>
    public const long DefaultIdempotencyWindow = 1_000_000;

    private readonly long _idempotencyWindow = DefaultIdempotencyWindow;

    /// <summary>How pods are margined; <see cref="SumOfLegsPodMarginModel"/> when null.</summary>
    public IPodMarginModel? PodModel { get; init; }

    /// <summary>
    /// Whether a mark skips cross accounts proven healthy inside the price bands of their last valuation (the default).
    /// Off only in tests, as the reference that re-values every cross account on every mark: the events are the same.
    /// </summary>
    internal bool BoundCrossValuations { get; init; } = true;

    /// <summary>
    /// How many client ids the engine remembers: those of the last <see cref="IdempotencyWindow"/> accepted commands that
    /// carried one. A command repeating a remembered id gets that command's outcome again, marked duplicate, and changes
    /// nothing; an id that has fallen out is forgotten and the command runs as new. Rejected commands and commands without
    /// an id do not move the window. At least 1. Part of the state (its hash and snapshots), so a replay decides every
    /// repeat the same way.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">Less than 1.</exception>
    public long IdempotencyWindow
    {
        get => _idempotencyWindow;
        init => _idempotencyWindow = value >= 1
            ? value
            : throw new ArgumentOutOfRangeException(nameof(IdempotencyWindow), value, "The idempotency window must hold at least one accepted command.");
    }
}
