using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Instruments;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Tests.Instruments;

namespace Ringfence.Core.Tests.Margin;

/// <summary>
/// Random margin cases within what Core accepts and far from overflow: linear 0.01–1,000 base units at 100–200,000;
/// inverse 1,000–1,000,000 contracts of 1–100 USD at 100–20,000; every venue profile; tier tables of 1–6 tiers around the
/// entry notional; taker fee 0–0.1%; leverage 1–100; extra margin −50%…+200% and funding −20%…+20% of the initial margin;
/// ticks 0.01, 0.1, 0.5 and 1. At these sizes one tick moves equity by far more than 10⁻⁸ of the settle asset.
/// </summary>
internal static class MarginCases
{
    public static Gen<Price> Ticks => Gen.Elements(1_000_000L, 10_000_000L, 50_000_000L, 100_000_000L).Select(Price.FromUnits);

    public static Gen<PositionSide> Sides => Gen.Elements(PositionSide.Long, PositionSide.Short);

    public static Gen<Rate> TakerFees => Gen.Frequency((1, Gen.Constant(0L)), (3, Draw.Between(1, 100_000))).Select(Rate.FromUnits);

    /// <summary>Leverage 1–100 in steps of 0.01, exactly 1 now and then.</summary>
    public static Gen<Leverage> Leverages => Gen.Frequency((1, Gen.Constant(100L)), (6, Gen.Choose(100, 10_000).Select(l => (long)l)))
        .Select(hundredths => Leverage.FromUnits(hundredths * 1_000_000));

    /// <summary>A contract with a position size and an entry price.</summary>
    public static Gen<(ContractSpec Contract, Quantity Quantity, Price Entry)> Instruments => Gen.OneOf(Linear, Inverse);

    /// <summary>Any case: every profile, random tiers (with or without maximum leverages).</summary>
    public static Gen<MarginCase> Any =>
        from profile in Gen.Elements<VenueProfile>(VenueProfiles.All)
        from instrument in Instruments
        from side in Sides
        from fee in TakerFees
        from leverage in Leverages
        from specs in TierTables.Around(instrument.Contract.Notional(instrument.Quantity, instrument.Entry, Rounding.Up))
        from extra in Gen.Frequency((2, Gen.Constant(0)), (3, Gen.Choose(-500, 2000)))
        from funding in Gen.Frequency((2, Gen.Constant(0)), (1, Gen.Choose(-200, 200)))
        from tick in Ticks
        select new MarginCase(profile, specs, fee, instrument.Contract, side, instrument.Quantity, instrument.Entry, leverage, extra, funding, tick);

    /// <summary>Linear: 0.01–1,000 base units (in steps of 0.0001) in contracts of 1, 0.1, 0.01 or 0.001, at 100–200,000.</summary>
    private static Gen<(ContractSpec Contract, Quantity Quantity, Price Entry)> Linear =>
        from size in Gen.Elements(100_000_000L, 10_000_000L, 1_000_000L, 100_000L)
        from baseTenThousandths in Draw.SpreadBetween(100, 10_000_000)
        from entryCents in Draw.SpreadBetween(10_000, 20_000_000)
        select (ContractSpec.Linear(Quantity.FromUnits(size)),
            Quantity.FromUnits(baseTenThousandths * 10_000 * (FixedPoint.Scale / size)),
            Price.FromUnits(entryCents * 1_000_000));

    /// <summary>Inverse: 1,000–1,000,000 contracts of 1–100 USD at 100–20,000.</summary>
    private static Gen<(ContractSpec Contract, Quantity Quantity, Price Entry)> Inverse =>
        from faceValue in Gen.Choose(1, 100)
        from contracts in Draw.SpreadBetween(1_000, 1_000_000)
        from entryCents in Draw.SpreadBetween(10_000, 2_000_000)
        select (ContractSpec.Inverse(Quantity.FromWhole(faceValue)), Quantity.FromWhole(contracts), Price.FromUnits(entryCents * 1_000_000));
}
