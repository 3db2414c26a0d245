using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>
/// dYdX v4's funding (reference §7.5): premium <c>= [max(0, impact bid − index) − max(0, index − impact ask)] ÷ index</c>,
/// averaged over the hour; hourly rate <c>= P ÷ 8 + interest</c>; capped at ±(8-hour cap ÷ 8) with the 8-hour cap
/// <c>600% × (IMF − MMF)</c> of the market; paid hourly on the notional at the oracle (index) price.
/// </summary>
/// <remarks>
/// <c>P ÷ 8</c> is rounded down (toward negative infinity) to 10⁻⁸; the hourly cap is the 8-hour cap ÷ 8 rounded down
/// (a cap never looser than published). IMF 5%, MMF 3% give an 8-hour cap of 12% exactly (vector 27) and 1.5% an hour.
/// </remarks>
/// <param name="InitialMarginFraction">The market's initial margin fraction, IMF (5% for BTC). Not negative.</param>
/// <param name="MaintenanceMarginFraction">The market's maintenance margin fraction, MMF (3% for BTC). At most IMF.</param>
/// <param name="Interest">The interest component of the hourly rate (0 by default).</param>
public sealed record DydxFundingRule(Rate InitialMarginFraction, Rate MaintenanceMarginFraction, Rate Interest)
    : FundingRule(TimeSpan.FromHours(1), FundingPriceBasis.Index)
{
    /// <summary>The BTC market's fractions (IMF 5%, MMF 3%) and no interest, the reference's example.</summary>
    public static DydxFundingRule Default { get; } = new(Rate.Parse("0.05"), Rate.Parse("0.03"), Rate.Zero);

    /// <summary>The multiple of <c>IMF − MMF</c> that caps the 8-hour rate: 600%, i.e. 6.</summary>
    public const int CapMultiple = 6;

    /// <inheritdoc/>
    public override string Formula => $"hourly = P / 8 + {Interest}, capped at ±600% × ({InitialMarginFraction} − {MaintenanceMarginFraction}) / 8, P = impact price difference / index";

    /// <summary>The 8-hour cap, <c>600% × (IMF − MMF)</c>; exact.</summary>
    /// <exception cref="InvalidOperationException">MMF is negative or above IMF.</exception>
    public Rate EightHourCap
    {
        get
        {
            RequireNotNegative(MaintenanceMarginFraction, nameof(MaintenanceMarginFraction));
            var spread = RequireNotNegative(InitialMarginFraction - MaintenanceMarginFraction, nameof(MaintenanceMarginFraction));
            return Rate.FromUnits(FixedPoint.ToUnits((Int128)spread.Units * CapMultiple));
        }
    }

    /// <summary>The hourly cap, the 8-hour cap ÷ 8, rounded down.</summary>
    public Rate HourlyCap => Rate.FromUnits(FixedPoint.ToUnits(FixedPoint.Divide(EightHourCap.Units, 8, Rounding.Down)));

    /// <inheritdoc/>
    public override Rate Premium(FundingSample sample) => ImpactPremium(sample.ImpactBid, sample.ImpactAsk, sample.Index, sample.Index);

    /// <inheritdoc/>
    public override FundingRateResult FromPremium(Rate averagePremium)
    {
        var cap = HourlyCap;
        var hourly = Rate.FromUnits(FixedPoint.ToUnits(FixedPoint.Divide(averagePremium.Units, 8, Rounding.Down))) + Interest;
        return new(averagePremium, hourly, Clamp(hourly, -cap, cap));
    }
}
