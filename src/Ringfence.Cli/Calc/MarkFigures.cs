using Ringfence.Core.Numerics;

namespace Ringfence.Cli.Calc;

/// <summary>The figures of a position that only mean something at a given mark price.</summary>
/// <param name="MarginRatio">Margin ratio in the profile's convention, or null where undefined.</param>
/// <param name="UnrealizedPnl">Unrealized PnL at mark.</param>
/// <param name="Equity">Position margin plus unrealized PnL.</param>
/// <param name="Liquidatable">Whether the margin check liquidates the position at mark.</param>
internal sealed record MarkFigures(Rate? MarginRatio, Money UnrealizedPnl, Money Equity, bool Liquidatable);
