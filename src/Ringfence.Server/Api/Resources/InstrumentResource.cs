namespace Ringfence.Server.Api.Resources;

/// <summary>A listed instrument with its current prices.</summary>
public sealed record InstrumentResource(
    string Symbol,
    string Kind,
    string Contract,
    string ContractSize,
    string BaseAsset,
    string QuoteAsset,
    string SettleAsset,
    string Profile,
    string TickSize,
    string LotSize,
    string MakerFee,
    string TakerFee,
    string LiquidationFee,
    string? MaxLeverage,
    string? MarkPrice,
    string? IndexPrice,
    string LastFundingRate,
    string? Expiry);

/// <summary>One risk tier in ccxt's <c>fetchLeverageTiers</c> shape; <c>maxNotional</c> null for an open-ended last tier.</summary>
public sealed record TierResource(int Tier, string MinNotional, string? MaxNotional, string MaintenanceMarginRate, string MaintenanceAmount, string? MaxLeverage);

/// <summary>An instrument's insurance fund.</summary>
public sealed record InsuranceFundResource(string Symbol, string Asset, string Balance);
