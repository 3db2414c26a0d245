using Ringfence.Core.Numerics;
using Ringfence.Core.Pricing;

namespace Ringfence.Core.Margin;

/// <summary>The venue rule profiles Ringfence ships. Sources and formulas: docs/formulas.md.</summary>
public static class VenueProfiles
{
    /// <summary>Binance's published mark price, index × (1 + funding rate × time until funding ÷ 8 h), unclamped (reference §1.6).</summary>
    private static readonly FundingBasisMarkPrice BinanceMarkPrice = new(TimeSpan.FromHours(8));

    /// <summary>Binance USDⓈ-M (linear) and COIN-M (inverse): MM at mark with brackets and cum; clearance fee on liquidation.</summary>
    public static VenueProfile Binance { get; } = new(
        "binance",
        "Binance USDⓈ-M / COIN-M futures",
        MaintenanceValuation.AtMark,
        CloseFee.None,
        MarginRatioConvention.MaintenanceOverEquity,
        Rate.Zero,
        MaintenanceRateFromMaxLeverage: false,
        "Binance FAQ: How to Calculate Liquidation Price of USDⓈ-M Futures Contracts; COIN-M likewise; How to Adjust Margin Balance")
    {
        FundingRule = BinanceFundingRule.Default,
        MarkPriceRule = BinanceMarkPrice,
        PartialLiquidation = Liquidation.PartialLiquidation.None,
    };

    /// <summary>Bybit classic (derivatives) account, USDT linear and inverse: MM at the entry value with MM deduction.</summary>
    public static VenueProfile Bybit { get; } = new(
        "bybit",
        "Bybit classic account (USDT perpetual and inverse)",
        MaintenanceValuation.AtEntry,
        CloseFee.None,
        MarginRatioConvention.MaintenanceOverEquity,
        Rate.Zero,
        MaintenanceRateFromMaxLeverage: false,
        "Bybit help: Liquidation Price (USDT Contract); Bankruptcy Price; inverse liquidation price")
    {
        // Bybit pays funding on the position value at mark (reference §3.7) by Binance's formula; its mark rule is not in the reference.
        FundingRule = BinanceFundingRule.Default,
        MarkPriceRule = BinanceMarkPrice,
        FundingFromFreeBalanceFirst = true,
    };

    /// <summary>Bybit Unified Trading Account, isolated: MM at mark, estimated fee to close in IM and MM.</summary>
    public static VenueProfile BybitUnified { get; } = new(
        "bybit-uta",
        "Bybit Unified Trading Account (isolated)",
        MaintenanceValuation.AtMark,
        CloseFee.BankruptcyValue,
        MarginRatioConvention.MaintenanceOverEquity,
        Rate.Zero,
        MaintenanceRateFromMaxLeverage: false,
        "Bybit help: Trading Rules: Liquidation Process (Unified Trading Account); Liquidation Price Calculation under Isolated Mode (UTA)")
    {
        // Bybit pays funding on the position value at mark (reference §3.7) by Binance's formula; its mark rule is not in the reference.
        FundingRule = BinanceFundingRule.Default,
        MarkPriceRule = BinanceMarkPrice,
        FundingFromFreeBalanceFirst = true,
    };

    /// <summary>OKX isolated (fixed margin): liquidation when equity ≤ notional at mark × (MMR + fee rate).</summary>
    public static VenueProfile Okx { get; } = new(
        "okx",
        "OKX isolated margin",
        MaintenanceValuation.AtMark,
        CloseFee.MarkNotional,
        MarginRatioConvention.EquityOverNotional,
        Rate.Zero,
        MaintenanceRateFromMaxLeverage: false,
        "OKX help: Tiered maintenance margin ratio rules; OKEx USDT futures guide (fixed margin mode)")
    {
        // OKX's funding formula was not recovered (reference §9b), nor its mark price: Binance's form stands in.
        FundingRule = BinanceFundingRule.Default,
        MarkPriceRule = BinanceMarkPrice,
        PartialLiquidation = Liquidation.PartialLiquidation.ToFirstTier,
    };

    /// <summary>Hyperliquid isolated: MM at mark, MMR = half the initial rate at max leverage, 10% transfer floor.</summary>
    public static VenueProfile Hyperliquid { get; } = new(
        "hyperliquid",
        "Hyperliquid isolated margin",
        MaintenanceValuation.AtMark,
        CloseFee.None,
        MarginRatioConvention.MaintenanceOverEquity,
        Rate.Parse("0.1"),
        MaintenanceRateFromMaxLeverage: true,
        "Hyperliquid docs: Margining, Margin tiers, Liquidations")
    {
        FundingRule = HyperliquidFundingRule.Default,
        // Hyperliquid's "oracle + 150 s EMA(mid − oracle)" mark component (reference §6.4) as a simple average of 150 one-second samples.
        MarkPriceRule = new MovingAverageBasisMarkPrice(150),
        PartialLiquidation = Liquidation.PartialLiquidation.None,
    };

    /// <summary>dYdX v4 isolated subaccount: MM at the oracle price, p' = (e − s·p) ÷ (|s|·MMF − s).</summary>
    public static VenueProfile Dydx { get; } = new(
        "dydx",
        "dYdX v4 isolated position",
        MaintenanceValuation.AtMark,
        CloseFee.None,
        MarginRatioConvention.MaintenanceOverEquity,
        Rate.Zero,
        MaintenanceRateFromMaxLeverage: false,
        "dYdX v4 docs: Margin; Liquidations; v4-chain x/clob/keeper/liquidations.go")
    {
        FundingRule = DydxFundingRule.Default,
        // dYdX values positions at the oracle price (reference §7.2, §9b).
        MarkPriceRule = new IndexMarkPrice(),
        PartialLiquidation = Liquidation.PartialLiquidation.None,
    };

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
        "docs/formulas.md (Binance/Hyperliquid mark-valued form)")
    {
        FundingRule = BinanceFundingRule.Default,
        // Binance's published forms; the mark is clamped to ±1% of the index (a backstop: it cannot bind while funding is within its ±0.75% cap).
        MarkPriceRule = new FundingBasisMarkPrice(TimeSpan.FromHours(8), Rate.Parse("0.01")),
    };

    /// <summary>Every shipped profile.</summary>
    public static IReadOnlyList<VenueProfile> All { get; } = [Ringfence, Binance, Bybit, BybitUnified, Okx, Hyperliquid, Dydx];

    /// <summary>Finds a profile by name (case-insensitive).</summary>
    public static bool TryFind(string name, out VenueProfile profile)
    {
        profile = All.FirstOrDefault(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase))!;
        return profile is not null;
    }
}
