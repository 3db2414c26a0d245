using Ringfence.Core.Accounts;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;

namespace Ringfence.Core.Engine.Views;

/// <summary>A position as users see it.</summary>
/// <param name="Account">Owner.</param>
/// <param name="Symbol">Instrument.</param>
/// <param name="Scope">Margin scope.</param>
/// <param name="Side">Long or short.</param>
/// <param name="Quantity">Size.</param>
/// <param name="EntryPrice">Average entry price.</param>
/// <param name="Leverage">Leverage setting.</param>
/// <param name="Margin">
/// Collateral behind the position: its own margin when isolated; for cross and pod positions the scope's collateral
/// plus the other positions' PnL less their maintenance, which is what its liquidation price is solved with.
/// </param>
/// <param name="Asset">Settle asset.</param>
/// <param name="MarkPrice">Current mark, if any.</param>
/// <param name="UnrealizedPnl">PnL at mark (at entry when no mark).</param>
/// <param name="MaintenanceMargin">Maintenance requirement at mark.</param>
/// <param name="LiquidationPrice">Liquidation price on the tick, or null.</param>
/// <param name="BankruptcyPrice">Bankruptcy price on the tick, or null.</param>
/// <param name="TopUp">Auto top-up settings.</param>
/// <param name="AdlRank">
/// Place in the auto-deleveraging queue among the instrument's positions on the same side (1 = deleveraged first),
/// by PnL% × effective leverage.
/// </param>
public sealed record PositionView(
    AccountId Account,
    string Symbol,
    MarginScope Scope,
    PositionSide Side,
    Quantity Quantity,
    Price EntryPrice,
    Leverage Leverage,
    Money Margin,
    Asset Asset,
    Price? MarkPrice,
    Money UnrealizedPnl,
    Money MaintenanceMargin,
    Price? LiquidationPrice,
    Price? BankruptcyPrice,
    AutoTopUp TopUp,
    int AdlRank)
{
    /// <summary>Notional at the mark (at entry when there is no mark), in the settle asset, rounded up.</summary>
    public Money Notional { get; init; }

    /// <summary>Initial margin of the position at the mark and its leverage setting, rounded up.</summary>
    public Money InitialMargin { get; init; }

    /// <summary>The margin ratio at the mark in the profile's convention (docs/formulas.md), or null where undefined.</summary>
    public Rate? MarginRatio { get; init; }

    /// <summary>True while the position is in liquidation (an order with an external matching engine is outstanding).</summary>
    public bool InLiquidation { get; init; }

    /// <summary>
    /// This isolated position's view at <paramref name="market"/>'s current mark: the figures that move with the mark
    /// (mark price, PnL, maintenance and initial margin, notional, margin ratio) recomputed, the rest as they are. An
    /// isolated position's collateral, liquidation and bankruptcy prices do not depend on the mark, so the result is
    /// what the engine's own view would be at that mark. Pure: safe on any thread.
    /// </summary>
    /// <exception cref="InvalidOperationException">The position is not isolated (its collateral depends on other marks).</exception>
    public PositionView AtMark(Market market)
    {
        ArgumentNullException.ThrowIfNull(market);
        if (Scope != MarginScope.Isolated)
        {
            throw new InvalidOperationException($"Only an isolated position can be revalued alone, not a {Scope} one.");
        }

        return WithMarkFigures(market);
    }

    /// <summary>
    /// The figures that move with the mark, at <paramref name="market"/>'s mark (the entry when it has none), computed
    /// on <see cref="Margin"/>: for an isolated position its own collateral, for a cross or pod position the effective
    /// collateral its view was built with. The engine's views and <see cref="AtMark"/> both come from here.
    /// </summary>
    internal PositionView WithMarkFigures(Market market)
    {
        var mark = market.Mark ?? EntryPrice;
        var isolated = new IsolatedPosition(market.Instrument.Contract, Side, Quantity, EntryPrice, Margin);
        return this with
        {
            MarkPrice = market.Mark,
            UnrealizedPnl = IsolatedMarginModel.UnrealizedPnl(isolated, mark),
            MaintenanceMargin = market.Model.MaintenanceMargin(isolated, mark),
            Notional = IsolatedMarginModel.Notional(isolated, mark),
            InitialMargin = market.Model.InitialMargin(market.Instrument.Contract, Side, Quantity, mark, Leverage),
            MarginRatio = market.Model.MarginRatio(isolated, mark),
        };
    }
}
