using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Serialization;

namespace Ringfence.Cli.Calc;

/// <summary>Turns the <c>calc position</c> JSON document into a validated <see cref="PositionRequest"/>.</summary>
internal static class PositionRequestReader
{
    /// <summary>Every field the document may hold, in the order docs/cli.md lists them.</summary>
    public static IReadOnlyList<string> Fields { get; } =
    [
        "profile", "contract", "side", "quantity", "entryPrice", "markPrice", "leverage", "margin", "extraMargin",
        "fundingPaid", "takerFee", "contractSize", "tickSize", "lotSize", "tiers", "mmr", "maintenanceAmount", "maxLeverage",
    ];

    private static readonly Price DefaultTick = Price.FromUnits(1);
    private static readonly Quantity DefaultLot = Quantity.FromUnits(1);

    private static readonly IReadOnlyDictionary<string, ContractType> ContractTypes =
        new Dictionary<string, ContractType>(StringComparer.OrdinalIgnoreCase) { ["linear"] = ContractType.Linear, ["inverse"] = ContractType.Inverse };

    private static readonly IReadOnlyDictionary<string, PositionSide> Sides =
        new Dictionary<string, PositionSide>(StringComparer.OrdinalIgnoreCase) { ["long"] = PositionSide.Long, ["short"] = PositionSide.Short };

    /// <summary>Parses and validates <paramref name="json"/>.</summary>
    /// <exception cref="JsonInputException">The first problem found, naming its field.</exception>
    public static PositionRequest Read(string json)
    {
        var fields = Parse(json);

        var profile = ReadProfile(fields);
        var contractType = ReadChoice(fields, "contract", ContractTypes);
        var side = ReadChoice(fields, "side", Sides);
        var quantity = fields.Positive<Quantity>("quantity");
        var entryPrice = fields.Positive<Price>("entryPrice");
        var markPrice = fields.OptionalPositive<Price>("markPrice");
        var (leverage, margin) = ReadLeverageOrMargin(fields);
        var extraMargin = fields.OptionalNumber<Money>("extraMargin") ?? Money.Zero;
        var fundingPaid = fields.OptionalNumber<Money>("fundingPaid") ?? Money.Zero;
        var takerFee = ReadTakerFee(fields);
        var contractSize = fields.OptionalPositive<Quantity>("contractSize") ?? Quantity.FromWhole(1);
        var tickSize = fields.OptionalPositive<Price>("tickSize") ?? DefaultTick;
        var lotSize = fields.OptionalPositive<Quantity>("lotSize") ?? DefaultLot;
        var tiers = ReadTiers(fields, profile);

        // The model's own rule, asked before it is built: a clean error on "takerFee" rather than its exception.
        if (IsolatedMarginModel.TakerFeeProblem(profile, tiers, takerFee) is { } feeProblem)
        {
            throw fields.Error("takerFee", feeProblem);
        }

        var contract = contractType == ContractType.Linear ? ContractSpec.Linear(contractSize) : ContractSpec.Inverse(contractSize);
        return new PositionRequest(
            profile, contract, side, quantity, entryPrice, markPrice, leverage, margin, extraMargin, fundingPaid, takerFee, tiers, tickSize, lotSize);
    }

    private static JsonFields Parse(string json)
    {
        if (string.IsNullOrWhiteSpace(json))
        {
            throw new JsonInputException("input", "no JSON object given (the input is empty)");
        }

        var fields = JsonFields.Parse(json);

        // Unknown names before anything is read, in document order: a misspelt field is reported as what it is.
        fields.RejectUnknown(Fields);
        return fields;
    }

    private static VenueProfile ReadProfile(JsonFields fields)
    {
        var name = fields.OptionalString("profile");
        if (name is null)
        {
            return VenueProfiles.Ringfence;
        }

        return VenueProfiles.TryFind(name, out var profile)
            ? profile
            : throw fields.Error("profile", $"unknown profile {InputExcerpt.Quote(name)} (one of: {string.Join(", ", VenueProfiles.All.Select(p => p.Name))})");
    }

    private static T ReadChoice<T>(JsonFields fields, string name, IReadOnlyDictionary<string, T> choices)
    {
        var text = fields.String(name);
        return choices.TryGetValue(text, out var value)
            ? value
            : throw fields.Error(name, $"unknown value {InputExcerpt.Quote(text)} (one of: {string.Join(", ", choices.Keys)})");
    }

    private static (Leverage? Leverage, Money? Margin) ReadLeverageOrMargin(JsonFields fields)
    {
        var hasLeverage = fields.Has("leverage");
        var hasMargin = fields.Has("margin");
        if (hasLeverage && hasMargin)
        {
            throw fields.Error("margin", "give either \"leverage\" or \"margin\", not both");
        }

        if (!hasLeverage && !hasMargin)
        {
            throw fields.Error("leverage", "missing field (give \"leverage\" or \"margin\")");
        }

        return hasLeverage
            ? (fields.Positive<Leverage>("leverage"), null)
            : (null, fields.Positive<Money>("margin"));
    }

    private static RiskTierTable ReadTiers(JsonFields fields, VenueProfile profile)
    {
        try
        {
            return RiskTierTableJson.Read(fields, profile);
        }
        catch (OverflowException exception)
        {
            // A maintenance amount derived by the tier recursion can leave the range although every given value is in it.
            throw fields.Error(fields.Has("tiers") ? "tiers" : "maintenanceAmount", $"a tier's maintenance amount is out of range: {exception.Message}");
        }
    }

    private static Rate ReadTakerFee(JsonFields fields)
    {
        var fee = fields.OptionalNonNegative<Rate>("takerFee") ?? Rate.Zero;
        return fee < Rate.One ? fee : throw fields.Error("takerFee", $"must be below 1 (got {fee})");
    }
}
