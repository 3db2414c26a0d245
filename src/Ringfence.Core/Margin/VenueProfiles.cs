using Ringfence.Core.Numerics;

namespace Ringfence.Core.Margin;

/// <summary>The venue rule profiles Ringfence ships. Sources and formulas: docs/formulas.md.</summary>
public static class VenueProfiles
{
    /// <summary>Binance USDⓈ-M (linear) and COIN-M (inverse): MM at mark with brackets and cum; clearance fee on liquidation.</summary>
    public static VenueProfile Binance { get; } = new(
        "binance",
        "Binance USDⓈ-M / COIN-M futures",
        MaintenanceValuation.AtMark,
        CloseFee.None,
        MarginRatioConvention.MaintenanceOverEquity,
        Rate.Zero,
        MaintenanceRateFromMaxLeverage: false,
        "Binance FAQ: How to Calculate Liquidation Price of USDⓈ-M Futures Contracts; COIN-M likewise; How to Adjust Margin Balance");

    /// <summary>Bybit classic (derivatives) account, USDT linear and inverse: MM at the entry value with MM deduction.</summary>
    public static VenueProfile Bybit { get; } = new(
        "bybit",
        "Bybit classic account (USDT perpetual and inverse)",
        MaintenanceValuation.AtEntry,
        CloseFee.None,
        MarginRatioConvention.MaintenanceOverEquity,
        Rate.Zero,
        MaintenanceRateFromMaxLeverage: false,
        "Bybit help: Liquidation Price (USDT Contract); Bankruptcy Price; inverse liquidation price");

    /// <summary>Bybit Unified Trading Account, isolated: MM at mark, estimated fee to close in IM and MM.</summary>
    public static VenueProfile BybitUnified { get; } = new(
        "bybit-uta",
        "Bybit Unified Trading Account (isolated)",
        MaintenanceValuation.AtMark,
        CloseFee.BankruptcyValue,
        MarginRatioConvention.MaintenanceOverEquity,
        Rate.Zero,
        MaintenanceRateFromMaxLeverage: false,
        "Bybit help: Trading Rules: Liquidation Process (Unified Trading Account); Liquidation Price Calculation under Isolated Mode (UTA)");

    /// <summary>OKX isolated (fixed margin): liquidation when equity ≤ notional at mark × (MMR + fee rate).</summary>
    public static VenueProfile Okx { get; } = new(
        "okx",
        "OKX isolated margin",
        MaintenanceValuation.AtMark,
        CloseFee.MarkNotional,
        MarginRatioConvention.EquityOverNotional,
        Rate.Zero,
        MaintenanceRateFromMaxLeverage: false,
        "OKX help: Tiered maintenance margin ratio rules; OKEx USDT futures guide (fixed margin mode)");

    /// <summary>Hyperliquid isolated: MM at mark, MMR = half the initial rate at max leverage, 10% transfer floor.</summary>
    public static VenueProfile Hyperliquid { get; } = new(
        "hyperliquid",
        "Hyperliquid isolated margin",
        MaintenanceValuation.AtMark,
        CloseFee.None,
        MarginRatioConvention.MaintenanceOverEquity,
        Rate.Parse("0.1"),
        MaintenanceRateFromMaxLeverage: true,
        "Hyperliquid docs: Margining, Margin tiers, Liquidations");

    /// <summary>dYdX v4 isolated subaccount: MM at the oracle price, p' = (e − s·p) ÷ (|s|·MMF − s).</summary>
    public static VenueProfile Dydx { get; } = new(
        "dydx",
        "dYdX v4 isolated position",
        MaintenanceValuation.AtMark,
        CloseFee.None,
        MarginRatioConvention.MaintenanceOverEquity,
        Rate.Zero,
        MaintenanceRateFromMaxLeverage: false,
        "dYdX v4 docs: Margin; Liquidations; v4-chain x/clob/keeper/liquidations.go");

    /// <summary>
    /// Ringfence's own rules: MM at mark with the tier at the liquidation price (the most widely published form),
    /// no fee reserved in the requirement (a capped liquidation fee is charged from the remaining collateral), margin
    /// removal bounded by maintenance and by initial margin at mark.
    /// </summary>
    public static VenueProfile Ringfence { get; } = new(
        "ringfence",
        "Ringfence default",
        MaintenanceValuation.AtMark,
        CloseFee.None,
        MarginRatioConvention.MaintenanceOverEquity,
        Rate.Zero,
        MaintenanceRateFromMaxLeverage: false,
        "docs/formulas.md (Binance/Hyperliquid mark-valued form)");

    /// <summary>Every shipped profile.</summary>
    public static IReadOnlyList<VenueProfile> All { get; } = [Ringfence, Binance, Bybit, BybitUnified, Okx, Hyperliquid, Dydx];

    /// <summary>Finds a profile by name (case-insensitive).</summary>
    public static bool TryFind(string name, out VenueProfile profile)
    {
        profile = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return profile is not null;
    }
}
