using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Serialization;

/// <summary>
/// Reads a risk tier table from JSON: either <c>tiers</c> (an array of <c>{ cap, mmr, maintenanceAmount?, maxLeverage? }</c>,
/// the last cap optional) or the flat one-tier form, <c>mmr</c> with optional <c>maintenanceAmount</c> and
/// <c>maxLeverage</c> beside it. A tier may omit <c>mmr</c> where the profile derives it from the maximum leverage
/// (Hyperliquid). The table is validated by <see cref="RiskTierTable.Create"/>, its errors mapped back to the field
/// they are about (<c>tiers[1].mmr</c>; <c>maxLeverage</c> when the rate was derived from it).
/// </summary>
public static class RiskTierTableJson
{
    /// <summary>The fields of one tier object, and of the flat form (without <c>cap</c>).</summary>
    private static readonly string[] TierFields = ["cap", "mmr", "maintenanceAmount", "maxLeverage"];

    private static readonly string[] FlatFields = ["mmr", "maintenanceAmount", "maxLeverage"];

    /// <summary>Reads the table from <paramref name="fields"/>; errors name the field (<c>tiers[1].mmr</c>).</summary>
    /// <exception cref="JsonInputException">The table is missing, given in both forms, or invalid.</exception>
    public static RiskTierTable Read(JsonFields fields, VenueProfile profile)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(profile);
        var tiers = fields.OptionalObjects("tiers");
        var flatField = FlatFields.FirstOrDefault(fields.Has);
        if (tiers is not null && flatField is not null)
        {
            throw fields.Error(flatField, "give either \"tiers\" or the flat \"mmr\" form, not both");
        }

        if (tiers is null)
        {
            if (flatField is null)
            {
                throw fields.Error("tiers", "missing field (give \"tiers\", or \"mmr\" for a one-tier table)");
            }

            var flat = ReadTier(fields, profile, hasCap: false);
            return Create([flat], (_, property, rateDerived) => fields.Path(FieldName(property, rateDerived, flat: true)));
        }

        if (tiers.Count == 0)
        {
            throw fields.Error("tiers", "needs at least one tier");
        }

        var specs = tiers.Select(tier =>
        {
            // Unknown names first: "mmf" is a typo to report as such, not a missing "mmr".
            tier.RejectUnknown(TierFields);
            return ReadTier(tier, profile, hasCap: true);
        }).ToList();
        return Create(specs, (index, property, rateDerived) =>
            index >= 0 && index < tiers.Count ? tiers[index].Path(FieldName(property, rateDerived, flat: false)) : fields.Path("tiers"));
    }

    private static TierSpec ReadTier(JsonFields tier, VenueProfile profile, bool hasCap)
    {
        var cap = hasCap ? tier.OptionalPositive<Money>("cap") : null;
        var rate = tier.OptionalNumber<Rate>("mmr");
        var amount = tier.OptionalNonNegative<Money>("maintenanceAmount");
        var maxLeverage = tier.OptionalPositive<Leverage>("maxLeverage");
        if (rate is { } given)
        {
            return new TierSpec(new RiskTierSpec(cap, given, amount, maxLeverage), RateDerived: false);
        }

        if (maxLeverage is not { } max || profile.ImpliedMaintenanceRate(max) is not { } implied)
        {
            var hint = profile.MaintenanceRateFromMaxLeverage
                ? "give \"mmr\", or \"maxLeverage\" to derive it"
                : $"profile '{profile.Name}' does not derive it from maxLeverage";
            throw tier.Error("mmr", $"missing field ({hint})");
        }

        if (max < Leverage.One)
        {
            // The derived rate would be 1 or more and be blamed on an "mmr" the input never gave.
            throw tier.Error("maxLeverage", $"maximum leverage {max} must be at least 1");
        }

        return new TierSpec(new RiskTierSpec(cap, implied, amount, maxLeverage), RateDerived: true);
    }

    private static RiskTierTable Create(IReadOnlyList<TierSpec> specs, Func<int, RiskTierProperty, bool, string> path)
    {
        try
        {
            return RiskTierTable.Create([.. specs.Select(s => s.Spec)]);
        }
        catch (InvalidRiskTierException invalid)
        {
            var rateDerived = invalid.TierIndex >= 0 && invalid.TierIndex < specs.Count && specs[invalid.TierIndex].RateDerived;
            throw new JsonInputException(path(invalid.TierIndex, invalid.Property, rateDerived), invalid.Message);
        }
    }

    private static string FieldName(RiskTierProperty property, bool rateDerived, bool flat) => property switch
    {
        // The flat form has no cap; an error about the table as a whole points at its rate.
        RiskTierProperty.Cap => flat ? "mmr" : "cap",
        RiskTierProperty.MaintenanceRate => rateDerived ? "maxLeverage" : "mmr",
        RiskTierProperty.MaintenanceAmount => "maintenanceAmount",
        _ => "maxLeverage",
    };

    /// <summary>A tier as read, remembering whether its rate came from its maximum leverage (for naming errors).</summary>
    private readonly record struct TierSpec(RiskTierSpec Spec, bool RateDerived);
}
