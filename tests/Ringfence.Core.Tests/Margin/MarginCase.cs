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

    /// <summary>
    /// The model's liquidation price at <paramref name="tick"/>, or false where Core reports a result out of range
    /// (it throws, as every fixed-point result beyond ±92,233,720,368.54775807 does) — after checking that the price
    /// does lie beyond the range: at the largest price the exact cushion has not yet changed sign.
    /// </summary>
    public bool TryLiquidationPrice(Price tick, out Price? price) =>
        TrySolve(() => Model.LiquidationPrice(Position, tick), p => ExactMargin.Cushion(Model, Position, p), out price);

    /// <summary>The model's bankruptcy price, or false where it lies beyond the price range (checked as for the liquidation price).</summary>
    public bool TryBankruptcyPrice(Price tick, out Price? price) =>
        TrySolve(() => Model.BankruptcyPrice(Position, tick), p => ExactMargin.EquityNetOfFeeToClose(Model, Position, p), out price);

    private bool TrySolve(Func<Price?> solve, Func<Fraction, Fraction> cushion, out Price? price)
    {
        try
        {
            price = solve();
            return true;
        }
        catch (OverflowException)
        {
            var atLargestPrice = cushion(Fraction.FromUnits(FixedPoint.MaxUnits));
            Assert.True(IsLong ? atLargestPrice <= Fraction.Zero : atLargestPrice > Fraction.Zero, $"out of range, yet the root is within it; {this}");
            price = null;
            return false;
        }
    }

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
