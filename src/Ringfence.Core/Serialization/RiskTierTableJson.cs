using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Serialization;

/// <summary>
/// Reads a risk tier table from JSON: either <c>tiers</c> (an array of <c>{ cap, mmr, maintenanceAmount?, maxLeverage? }</c>,
/// the last cap optional) or a flat <c>mmr</c> with optional <c>maintenanceAmount</c> and <c>maxLeverage</c>. A tier may
/// omit <c>mmr</c> where the profile derives it from the maximum leverage (Hyperliquid).
/// </summary>
public static class RiskTierTableJson
{
    /// <summary>Reads the table from <paramref name="fields"/>; errors name the field (<c>tiers[1].mmr</c>).</summary>
    public static RiskTierTable Read(JsonFields fields, VenueProfile profile)
    {
        ArgumentNullException.ThrowIfNull(fields);
        ArgumentNullException.ThrowIfNull(profile);
        var tiers = fields.OptionalObjects("tiers");
        if (tiers is null)
        {
            var flat = ReadTier(fields, profile, hasCap: false);
            return Create([flat], (_, property) => fields.Path(FieldName(property)));
        }

        if (fields.Has("mmr") || fields.Has("maintenanceAmount") || fields.Has("maxLeverage"))
        {
            throw fields.Error("tiers", "give either tiers or a flat mmr (with maintenanceAmount, maxLeverage), not both");
        }

        if (tiers.Count == 0)
        {
            throw fields.Error("tiers", "needs at least one tier");
        }

        var specs = tiers.Select(tier =>
        {
            var spec = ReadTier(tier, profile, hasCap: true);
            tier.RejectUnknown();
            return spec;
        }).ToList();
        return Create(specs, (index, property) => tiers[Math.Max(0, index)].Path(FieldName(property)));
    }

    private static RiskTierSpec ReadTier(JsonFields tier, VenueProfile profile, bool hasCap)
    {
        var cap = hasCap ? tier.OptionalNumber<Money>("cap") : null;
        var rate = tier.OptionalNumber<Rate>("mmr");
        var amount = tier.OptionalNumber<Money>("maintenanceAmount");
        var maxLeverage = tier.OptionalNumber<Leverage>("maxLeverage");
        var resolved = rate
            ?? (maxLeverage is { } max ? profile.ImpliedMaintenanceRate(max) : null)
            ?? throw tier.Error("mmr", profile.MaintenanceRateFromMaxLeverage ? "missing field (or give maxLeverage)" : "missing field");
        return new RiskTierSpec(cap, resolved, amount, maxLeverage);
    }

    private static RiskTierTable Create(IReadOnlyList<RiskTierSpec> specs, Func<int, RiskTierProperty, string> path)
    {
        try
        {
            return RiskTierTable.Create(specs);
        }
        catch (InvalidRiskTierException invalid)
        {
            throw new JsonInputException(path(invalid.TierIndex, invalid.Property), invalid.Message);
        }
    }

    private static string FieldName(RiskTierProperty property) => property switch
    {
        RiskTierProperty.Cap => "cap",
        RiskTierProperty.MaintenanceRate => "mmr",
        RiskTierProperty.MaintenanceAmount => "maintenanceAmount",
        _ => "maxLeverage",
    };
}
