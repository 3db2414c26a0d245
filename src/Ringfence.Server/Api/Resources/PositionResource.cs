namespace Ringfence.Server.Api.Resources;

/// <summary>
/// A position as the API shows it: the fields of Binance's <c>positionRisk</c>, Bybit's position list and ccxt's
/// unified position, every number a decimal string; a price that does not exist is null, never 0 or empty.
/// </summary>
/// <param name="Id">Stable and URL-safe: <c>ACCOUNT~SYMBOL~SCOPE</c> (e.g. <c>alice~BTCUSDT~isolated</c>).</param>
/// <param name="Account">Owner.</param>
/// <param name="Symbol">Instrument.</param>
/// <param name="Scope"><c>isolated</c>, <c>cross</c> or <c>pod:NAME</c>.</param>
/// <param name="Side"><c>long</c> or <c>short</c>.</param>
/// <param name="Quantity">Size in contracts (base units for linear instruments).</param>
/// <param name="EntryPrice">Average entry price.</param>
/// <param name="MarkPrice">Current mark, or null before the first.</param>
/// <param name="Notional">Notional at the mark, in the margin asset.</param>
/// <param name="Leverage">The leverage setting.</param>
/// <param name="Margin">Collateral behind the position (its own when isolated; the scope's effective collateral otherwise).</param>
/// <param name="MarginAsset">The settle asset every money figure is in.</param>
/// <param name="InitialMargin">Initial margin at the mark and leverage.</param>
/// <param name="MaintenanceMargin">Maintenance margin at the mark.</param>
/// <param name="MarginRatio">Margin ratio in the venue profile's convention, or null where undefined.</param>
/// <param name="UnrealizedPnl">PnL at the mark.</param>
/// <param name="LiquidationPrice">Where the position is liquidated, on the tick; null when no price liquidates it.</param>
/// <param name="BankruptcyPrice">Where its collateral is exhausted, on the tick; null when none does.</param>
/// <param name="AdlRank">Place in the auto-deleveraging queue of its instrument and side (1 = first).</param>
/// <param name="AutoTopUp">Automated top-up.</param>
/// <param name="Status"><c>normal</c>, <c>liquidating</c> (an external liquidation order is outstanding) or <c>adl</c>.</param>
public sealed record PositionResource(
    string Id,
    string Account,
    string Symbol,
    string Scope,
    string Side,
    string Quantity,
    string EntryPrice,
    string? MarkPrice,
    string Notional,
    string Leverage,
    string Margin,
    string MarginAsset,
    string InitialMargin,
    string MaintenanceMargin,
    string? MarginRatio,
    string UnrealizedPnl,
    string? LiquidationPrice,
    string? BankruptcyPrice,
    int AdlRank,
    AutoTopUpResource AutoTopUp,
    string Status);

/// <summary>A position's automated top-up: whether on, the most it may move in total, and what it has moved.</summary>
public sealed record AutoTopUpResource(bool Enabled, string Cap, string Used);
