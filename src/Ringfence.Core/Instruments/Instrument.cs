using Ringfence.Core.Numerics;
using Ringfence.Core.Serialization;

namespace Ringfence.Core.Instruments;

/// <summary>
/// A listed derivative: its identity, assets, contract valuation, trading increments, fees and risk tiers.
/// Construct with <see cref="Create"/>, which validates every field.
/// </summary>
public sealed record Instrument
{
    private Instrument()
    {
    }

    /// <summary>Ticker, e.g. <c>BTCUSDT</c>.</summary>
    public required string Symbol { get; init; }

    /// <summary>Perpetual or dated future.</summary>
    public required InstrumentKind Kind { get; init; }

    /// <summary>Underlying asset (BTC).</summary>
    public required string BaseAsset { get; init; }

    /// <summary>Asset prices are quoted in (USDT for linear, USD for inverse).</summary>
    public required string QuoteAsset { get; init; }

    /// <summary>Asset margin, PnL and fees are paid in (USDT for linear, BTC for inverse).</summary>
    public required string SettleAsset { get; init; }

    /// <summary>Linear or inverse, and the contract size.</summary>
    public required ContractSpec Contract { get; init; }

    /// <summary>Price increment; liquidation and bankruptcy prices are rounded to it.</summary>
    public required Price TickSize { get; init; }

    /// <summary>Size increment, in the same unit as positions (base units for linear, contracts for inverse).</summary>
    public required Quantity LotSize { get; init; }

    /// <summary>Maker fee rate (may be negative: a rebate).</summary>
    public required Rate MakerFee { get; init; }

    /// <summary>Taker fee rate.</summary>
    public required Rate TakerFee { get; init; }

    /// <summary>Liquidation (clearance) fee rate charged on the liquidated notional, capped by the remaining collateral.</summary>
    public required Rate LiquidationFee { get; init; }

    /// <summary>Risk tiers, notional in <see cref="SettleAsset"/>.</summary>
    public required RiskTierTable Tiers { get; init; }

    /// <summary>Expiry of a dated future; null for a perpetual.</summary>
    public DateTimeOffset? Expiry { get; init; }

    /// <summary>Validates and creates an instrument.</summary>
    /// <exception cref="ArgumentException">A field is missing or out of range; <see cref="ArgumentException.ParamName"/> names it.</exception>
    public static Instrument Create(
        string symbol,
        InstrumentKind kind,
        string baseAsset,
        string quoteAsset,
        string settleAsset,
        ContractSpec contract,
        Price tickSize,
        Quantity lotSize,
        Rate makerFee,
        Rate takerFee,
        Rate liquidationFee,
        RiskTierTable tiers,
        DateTimeOffset? expiry = null)
    {
        RequireName(symbol, nameof(symbol));
        RequireName(baseAsset, nameof(baseAsset));
        RequireName(quoteAsset, nameof(quoteAsset));
        RequireName(settleAsset, nameof(settleAsset));
        ArgumentNullException.ThrowIfNull(tiers);
        if (!tickSize.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(tickSize), tickSize, "The tick size must be positive.");
        }

        if (!lotSize.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(lotSize), lotSize, "The lot size must be positive.");
        }

        RequireRate(makerFee, nameof(makerFee), allowNegative: true);
        RequireRate(takerFee, nameof(takerFee), allowNegative: false);
        RequireRate(liquidationFee, nameof(liquidationFee), allowNegative: false);
        if (kind == InstrumentKind.DatedFuture && expiry is null)
        {
            throw new ArgumentException("A dated future needs an expiry.", nameof(expiry));
        }

        if (kind == InstrumentKind.Perpetual && expiry is not null)
        {
            throw new ArgumentException("A perpetual has no expiry.", nameof(expiry));
        }

        var expectedSettle = contract.Type == ContractType.Linear ? quoteAsset : baseAsset;
        if (!string.Equals(settleAsset, expectedSettle, StringComparison.Ordinal))
        {
            throw new ArgumentException(
                $"A {contract.Type.ToString().ToLowerInvariant()} contract settles in its {(contract.Type == ContractType.Linear ? "quote" : "base")} asset {expectedSettle}, not {settleAsset}.",
                nameof(settleAsset));
        }

        return new Instrument
        {
            Symbol = symbol,
            Kind = kind,
            BaseAsset = baseAsset,
            QuoteAsset = quoteAsset,
            SettleAsset = settleAsset,
            Contract = contract,
            TickSize = tickSize,
            LotSize = lotSize,
            MakerFee = makerFee,
            TakerFee = takerFee,
            LiquidationFee = liquidationFee,
            Tiers = tiers,
            Expiry = expiry,
        };
    }

    /// <summary>True when <paramref name="quantity"/> is a positive whole number of lots.</summary>
    public bool IsWholeLots(Quantity quantity) => quantity.IsPositive && quantity.Units % LotSize.Units == 0;

    /// <summary>True when <paramref name="price"/> is a positive whole number of ticks.</summary>
    public bool IsOnTick(Price price) => price.IsPositive && price.Units % TickSize.Units == 0;

    private static void RequireName(string value, string name)
    {
        if (!Accounts.Identifier.IsValid(value, 32))
        {
            throw new ArgumentException($"{InputExcerpt.Quote(value)} is not a valid name (1-32 of A-Z a-z 0-9 - _ .).", name);
        }
    }

    private static void RequireRate(Rate rate, string name, bool allowNegative)
    {
        if ((!allowNegative && rate.IsNegative) || rate >= Rate.One || rate <= -Rate.One)
        {
            throw new ArgumentOutOfRangeException(name, rate, allowNegative ? "The rate must be in (-1, 1)." : "The rate must be in [0, 1).");
        }
    }
}
