using System.Globalization;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Margin;

/// <summary>
/// One random isolated position under one venue profile and tier table: opened at <see cref="Leverage"/> with the
/// model's own initial margin, then given <see cref="ExtraMarginPerMille"/> ‰ of that margin more (or less) and charged
/// <see cref="FundingPaidPerMille"/> ‰ of it in funding.
/// </summary>
internal sealed class MarginCase
{
    public MarginCase(
        VenueProfile profile,
        RiskTierSpec[] tierSpecs,
        Rate takerFee,
        ContractSpec contract,
        PositionSide side,
        Quantity quantity,
        Price entry,
        Leverage leverage,
        int extraMarginPerMille,
        int fundingPaidPerMille,
        Price tick)
    {
        Profile = profile;
        TierSpecs = tierSpecs;
        TakerFee = takerFee;
        Leverage = leverage;
        ExtraMarginPerMille = extraMarginPerMille;
        FundingPaidPerMille = fundingPaidPerMille;
        Tick = tick;
        Model = new IsolatedMarginModel(profile, RiskTierTable.Create(tierSpecs), takerFee);
        InitialMargin = Model.InitialMargin(contract, side, quantity, entry, leverage);
        var opened = new IsolatedPosition(contract, side, quantity, entry, InitialMargin).Validate();
        Position = opened
            .WithMarginChange(Money.FromUnits(InitialMargin.Units / 1000 * extraMarginPerMille))
            .AfterFundingPaid(Money.FromUnits(InitialMargin.Units / 1000 * fundingPaidPerMille));
    }

    public VenueProfile Profile { get; }

    public RiskTierSpec[] TierSpecs { get; }

    public Rate TakerFee { get; }

    public Leverage Leverage { get; }

    public int ExtraMarginPerMille { get; }

    public int FundingPaidPerMille { get; }

    public Price Tick { get; }

    public IsolatedMarginModel Model { get; }

    public Money InitialMargin { get; }

    public IsolatedPosition Position { get; }

    public bool IsLong => Position.Side == PositionSide.Long;

    public bool IsLinear => Position.Contract.Type == ContractType.Linear;

    /// <summary>The model's liquidation price (null where no representable price liquidates the position).</summary>
    public Price? LiquidationPrice(Price tick) => Model.LiquidationPrice(Position, tick);

    /// <summary>The model's bankruptcy price (null where no representable price bankrupts the position).</summary>
    public Price? BankruptcyPrice(Price tick) => Model.BankruptcyPrice(Position, tick);

    /// <summary>Everything needed to rebuild the case by hand.</summary>
    public override string ToString()
    {
        var tiers = string.Join("; ", Model.Tiers.Tiers.Select(t =>
            $"≤{t.Cap?.ToString() ?? "∞"} mmr {t.MaintenanceRate} cum {t.MaintenanceAmount}{(t.MaxLeverage is { } l ? $" max {l}x" : string.Empty)}"));
        return string.Create(CultureInfo.InvariantCulture,
            $"{Profile.Name} {Position.Contract.Type}(size {Position.Contract.Size}) {Position.Side} {Position.Quantity} @ {Position.EntryPrice}, " +
            $"{Leverage}x → IM {InitialMargin}, extra {ExtraMarginPerMille}‰, funding {FundingPaidPerMille}‰ → margin {Position.Margin}; " +
            $"fee {TakerFee}, tick {Tick}; tiers [{tiers}]");
    }
}
