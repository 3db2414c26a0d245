using System.Text.Json;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Cli.Calc;

/// <summary>
/// Reads the risk tier table of a <c>calc position</c> input: either a <c>tiers</c> array or the flat one-tier form
/// (<c>mmr</c>, <c>maintenanceAmount</c>, <c>maxLeverage</c> at the top level), validated by
/// <see cref="RiskTierTable.Create"/> with its errors mapped back to the fields they are about.
/// </summary>
internal static class RiskTierReader
{
    private static readonly string[] TierFields = ["cap", "mmr", "maintenanceAmount", "maxLeverage"];
    private static readonly string[] FlatFields = ["mmr", "maintenanceAmount", "maxLeverage"];

    /// <summary>Reads the table from the top-level <paramref name="fields"/> of the document.</summary>
    /// <exception cref="InputException">The table is missing, given twice, or invalid.</exception>
    public static RiskTierTable Read(JsonFields fields, VenueProfile profile)
    {
        ArgumentNullException.ThrowIfNull(fields);
        var hasTiers = fields.Has("tiers");
        var flatField = FlatFields.FirstOrDefault(fields.Has);
        if (hasTiers && flatField is not null)
        {
            throw new InputException(flatField, "give either \"tiers\" or the flat \"mmr\" form, not both");
        }

        if (hasTiers)
        {
            fields.TryGet("tiers", out var array);
            return ReadTiers(array, profile);
        }

        if (flatField is not null)
        {
            return Create([ReadSpec(fields, profile)], flat: true);
        }

        throw new InputException("tiers", "required field is missing (give \"tiers\", or \"mmr\" for a one-tier table)");
    }

    private static RiskTierTable ReadTiers(JsonElement array, VenueProfile profile)
    {
        if (array.ValueKind != JsonValueKind.Array)
        {
            throw new InputException("tiers", $"must be an array, not {JsonKinds.Describe(array.ValueKind)}");
        }

        var specs = new List<TierSpec>();
        foreach (var element in array.EnumerateArray())
        {
            specs.Add(ReadSpec(JsonFields.Open(element, $"tiers[{specs.Count}]", TierFields), profile));
        }

        return specs.Count == 0
            ? throw new InputException("tiers", "needs at least one tier")
            : Create(specs, flat: false);
    }

    private static TierSpec ReadSpec(JsonFields fields, VenueProfile profile)
    {
        var cap = fields.OptionalPositive<Money>("cap");
        var rate = fields.OptionalNumber<Rate>("mmr");
        var amount = fields.OptionalNonNegative<Money>("maintenanceAmount");
        var maxLeverage = fields.OptionalPositive<Leverage>("maxLeverage");
        if (rate is not null)
        {
            return new TierSpec(new RiskTierSpec(cap, rate.Value, amount, maxLeverage), RateDerived: false);
        }

        if (maxLeverage is not { } max || profile.ImpliedMaintenanceRate(max) is not { } implied)
        {
            var hint = profile.MaintenanceRateFromMaxLeverage
                ? "give \"mmr\", or \"maxLeverage\" to derive it"
                : $"profile '{profile.Name}' does not derive it from maxLeverage";
            throw new InputException(fields.PathOf("mmr"), $"required field is missing ({hint})");
        }

        if (max < Leverage.One)
        {
            // The derived rate would be 1 or more and be blamed on an "mmr" the caller never gave.
            throw new InputException(fields.PathOf("maxLeverage"), $"maximum leverage {max} must be at least 1");
        }

        return new TierSpec(new RiskTierSpec(cap, implied, amount, maxLeverage), RateDerived: true);
    }

    private static RiskTierTable Create(IReadOnlyList<TierSpec> specs, bool flat)
    {
        try
        {
            return RiskTierTable.Create([.. specs.Select(s => s.Spec)]);
        }
        catch (InvalidRiskTierException exception)
        {
            throw new InputException(FieldOf(exception, specs, flat), exception.Message, exception);
        }
    }

    private static string FieldOf(InvalidRiskTierException exception, IReadOnlyList<TierSpec> specs, bool flat)
    {
        if (exception.TierIndex < 0 || exception.TierIndex >= specs.Count)
        {
            return flat ? "mmr" : "tiers";
        }

        var rateDerived = specs[exception.TierIndex].RateDerived;
        var name = exception.Property switch
        {
            RiskTierProperty.Cap => "cap",
            RiskTierProperty.MaintenanceRate => rateDerived ? "maxLeverage" : "mmr",
            RiskTierProperty.MaintenanceAmount => "maintenanceAmount",
            RiskTierProperty.MaxLeverage => "maxLeverage",
            _ => "mmr",
        };

        // The flat form has no cap, so a cap error cannot arise there; it would still point at the table.
        return flat ? (name == "cap" ? "mmr" : name) : $"tiers[{exception.TierIndex}].{name}";
    }

    /// <summary>A tier as read, remembering whether its rate came from its maximum leverage (for error naming).</summary>
    private readonly record struct TierSpec(RiskTierSpec Spec, bool RateDerived);
}
