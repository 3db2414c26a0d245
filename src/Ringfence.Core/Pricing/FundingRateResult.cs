using Ringfence.Core.Numerics;

namespace Ringfence.Core.Pricing;

/// <summary>A funding rate computed by a <see cref="FundingRule"/>: the premium it rests on and the rate per payment interval.</summary>
/// <param name="AveragePremium">The premium averaged over the samples (the rule's premium, rounded as the rule says).</param>
/// <param name="Uncapped">The rate per payment interval before the cap.</param>
/// <param name="Rate">The rate per payment interval after the cap: positive, longs pay shorts; negative, shorts pay longs.</param>
public sealed record FundingRateResult(Rate AveragePremium, Rate Uncapped, Rate Rate)
{
    /// <summary>True when the cap changed the rate.</summary>
    public bool Capped => Uncapped != Rate;
}
