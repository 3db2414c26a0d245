namespace Ringfence.Core.Margin;

/// <summary>The direction of a position.</summary>
public enum PositionSide
{
    /// <summary>Profits when the price rises.</summary>
    Long,

    /// <summary>Profits when the price falls.</summary>
    Short,
}

/// <summary>Arithmetic on <see cref="PositionSide"/>.</summary>
public static class PositionSideExtensions
{
    /// <summary>+1 for a long, −1 for a short: the <c>side</c> factor of the published formulas.</summary>
    public static int Sign(this PositionSide side) => side == PositionSide.Long ? 1 : -1;

    /// <summary>The opposite side.</summary>
    public static PositionSide Opposite(this PositionSide side) => side == PositionSide.Long ? PositionSide.Short : PositionSide.Long;
}
