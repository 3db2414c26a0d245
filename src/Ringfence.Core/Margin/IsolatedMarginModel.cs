using Ringfence.Core.Instruments;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Margin;

/// <summary>
/// The margin mathematics of one isolated position under a venue profile and a risk tier table: notional, initial
/// and tiered maintenance margin, unrealized PnL, margin ratio, liquidation and bankruptcy prices, maximum removable
/// margin and maximum position size. Every amount is exact fixed point rounded in the venue's favour: requirements
/// up, credits down, a long's prices up and a short's down. Formulas and their sources: docs/formulas.md.
/// </summary>
/// <remarks>
/// The liquidation price is solved, not looked up: it is the root of <c>equity − maintenance = 0</c>, and the tier used
/// is the one that contains the notional at that price. Because the tiered requirement is convex (the largest of its
/// linear pieces), the root is found exactly from the pieces, and <see cref="IsLiquidatable"/> — the integer check that
/// decides — agrees with it to the tick.
/// </remarks>
public sealed class IsolatedMarginModel
{
    /// <summary>Creates the model.</summary>
    /// <param name="profile">The venue's rules.</param>
    /// <param name="tiers">The instrument's risk tiers, notional in the settle asset.</param>
    /// <param name="takerFee">Taker fee rate, used where the profile reserves a fee to close.</param>
    public IsolatedMarginModel(VenueProfile profile, RiskTierTable tiers, Rate takerFee)
    {
        if (TakerFeeProblem(profile, tiers, takerFee) is { } problem)
        {
            throw new ArgumentOutOfRangeException(nameof(takerFee), takerFee, problem);
        }

        Profile = profile;
        Tiers = tiers;
        TakerFee = takerFee;
    }

    /// <summary>The venue rules applied.</summary>
    public VenueProfile Profile { get; }

    /// <summary>
    /// Why <paramref name="takerFee"/> cannot be used with <paramref name="profile"/> and <paramref name="tiers"/>, as
    /// one lower-case clause (it follows a field name in error lines), or null when it can. The constructor throws
    /// with this reason; input readers call it first so that they can name their own field instead of catching it.
    /// </summary>
    public static string? TakerFeeProblem(VenueProfile profile, RiskTierTable tiers, Rate takerFee)
    {
        ArgumentNullException.ThrowIfNull(profile);
        ArgumentNullException.ThrowIfNull(tiers);
        if (takerFee.IsNegative || takerFee >= Rate.One)
        {
            return $"the taker fee {takerFee} must be in [0, 1)";
        }

        // OKX liquidates at equity = notional × (MMR + fee): at 1 or more the liquidation price's denominator
        // (1 − MMR − fee) is not positive and no price solves it.
        var highest = tiers.Tiers[^1].MaintenanceRate;
        return profile.CloseFee == CloseFee.MarkNotional && highest + takerFee >= Rate.One
            ? $"the highest maintenance rate {highest} plus the taker fee {takerFee} must stay below 1 under profile '{profile.Name}', which liquidates at notional x (MMR + fee)"
            : null;
    }

    /// <summary>The risk tier table.</summary>
    public RiskTierTable Tiers { get; }

    /// <summary>Taker fee rate.</summary>
    public Rate TakerFee { get; }

    private Rate FeeRateOnMarkNotional => Profile.CloseFee == CloseFee.MarkNotional ? TakerFee : Rate.Zero;

    private Rate FeeRateAtBankruptcy => Profile.CloseFee == CloseFee.BankruptcyValue ? TakerFee : Rate.Zero;

    /// <summary>The position's value at <paramref name="price"/>, in the settle asset, rounded up.</summary>
    public static Money Notional(IsolatedPosition position, Price price)
    {
        return position.Contract.Notional(position.Quantity, price, Rounding.Up);
    }

    /// <summary>Unrealized PnL at <paramref name="mark"/>, rounded down (a credit).</summary>
    public static Money UnrealizedPnl(IsolatedPosition position, Price mark)
    {
        return position.Contract.Pnl(position.Side, position.Quantity, position.EntryPrice, mark, Rounding.Down);
    }

    /// <summary>Isolated equity at <paramref name="mark"/>: margin plus unrealized PnL.</summary>
    public static Money Equity(IsolatedPosition position, Price mark) => position.Margin + UnrealizedPnl(position, mark);

    /// <summary>
    /// Initial margin to open <paramref name="quantity"/> at <paramref name="price"/> with <paramref name="leverage"/>:
    /// notional ÷ leverage, plus the estimated fee to close (bankruptcy value × taker fee) where the profile reserves it.
    /// Rounded up.
    /// </summary>
    public Money InitialMargin(ContractSpec contract, PositionSide side, Quantity quantity, Price price, Leverage leverage)
    {
        var notional = contract.Notional(quantity, price, Rounding.Up);
        var margin = notional.DivideBy(leverage, Rounding.Up);
        return margin + LeverageCloseFee(contract, side, notional, margin);
    }

    /// <summary>
    /// The estimated fee to close as the venue states it, for profiles that reserve one (zero otherwise): the value at
    /// the leverage's bankruptcy price × taker fee, linear <c>Q·EP·(1 − s/L)·t</c>, inverse <c>(Q·m/EP)·(1 + s/L)·t</c>
    /// (Bybit UTA glossary, reference §3.2b). The same amount <see cref="InitialMargin"/> adds. Rounded up.
    /// </summary>
    /// <remarks>
    /// It depends on the entry and the leverage only, not on the position's margin: margin added later does not change
    /// it. <see cref="CloseFeeReserve"/>, the fee the liquidation check reserves, is taken at the position's own
    /// bankruptcy price instead; the two agree while the margin is the opening margin.
    /// </remarks>
    public Money StatedCloseFee(IsolatedPosition position, Leverage leverage)
    {
        var notional = position.EntryNotional;
        return LeverageCloseFee(position.Contract, position.Side, notional, notional.DivideBy(leverage, Rounding.Up));
    }

    private Money LeverageCloseFee(ContractSpec contract, PositionSide side, Money notional, Money leverageMargin)
    {
        if (!FeeRateAtBankruptcy.IsPositive)
        {
            return Money.Zero;
        }

        // Value at the leverage's bankruptcy price: linear N·(1 − s/L), inverse N·(1 + s/L).
        var signedMargin = side == PositionSide.Long ? leverageMargin : -leverageMargin;
        var bankruptcyValue = contract.Type == ContractType.Linear ? notional - signedMargin : notional + signedMargin;
        return bankruptcyValue.MultiplyBy(FeeRateAtBankruptcy, Rounding.Up);
    }

    /// <summary>The notional the requirement is valued at: at <paramref name="mark"/>, or at entry for profiles that say so.</summary>
    public Money ValuationNotional(IsolatedPosition position, Price mark) =>
        Profile.Valuation == MaintenanceValuation.AtEntry ? Notional(position, position.EntryPrice) : Notional(position, mark);

    /// <summary>The risk tier the position is in at <paramref name="mark"/>.</summary>
    public RiskTier TierAt(IsolatedPosition position, Price mark) => Tiers.ForNotional(ValuationNotional(position, mark));

    /// <summary>
    /// The reserved fee to close, bankruptcy value × taker fee, for profiles that reserve it (zero otherwise).
    /// Rounded up.
    /// </summary>
    public Money CloseFeeReserve(IsolatedPosition position)
    {
        if (!FeeRateAtBankruptcy.IsPositive)
        {
            return Money.Zero;
        }

        // The reserve is a requirement: round the bankruptcy price toward the larger notional (linear up, inverse down),
        // not merely against the holder's side, or a short linear (long inverse) reserve falls short of the exact fee.
        // An inverse bankruptcy price beyond the price range is taken at the largest price (a larger notional still).
        var root = PriceRoot.Solve(position, new RequirementPiece(FeeRateAtBankruptcy, Money.Zero));
        var bankruptcyPrice = root.Kind switch
        {
            PriceRootKind.At => position.Contract.Type == ContractType.Linear ? root.ToPrice(Rounding.Up) : root.ToPriceDownWithinRange(),
            PriceRootKind.Always => position.EntryPrice,
            _ => (Price?)null,
        };
        return bankruptcyPrice is { IsPositive: true } price
            ? Notional(position, price).MultiplyBy(FeeRateAtBankruptcy, Rounding.Up)
            : Money.Zero;
    }

    /// <summary>
    /// Maintenance margin at <paramref name="mark"/>: notional × MMR − maintenance amount of the tier containing the
    /// notional (never below zero), plus the profile's fee terms. Rounded up.
    /// </summary>
    public Money MaintenanceMargin(IsolatedPosition position, Price mark) =>
        MaintenanceBeforeCloseFee(position, mark) + CloseFeeReserve(position);

    /// <summary>
    /// Maintenance margin at <paramref name="mark"/> as the venue states it: <see cref="MaintenanceMargin"/> with the
    /// fee to close of <see cref="StatedCloseFee"/> (at the leverage's bankruptcy price) in place of
    /// <see cref="CloseFeeReserve"/> (at the position's own). Bybit UTA's published figure (reference §3.2b:
    /// <c>MM = Size·Mark·MMR − MM deduction + Estimated Fee to Close</c>); the same as <see cref="MaintenanceMargin"/>
    /// under every other profile. Rounded up.
    /// </summary>
    /// <remarks>
    /// Liquidation is not decided against this figure. Bybit's published liquidation price divides the extra margin by
    /// <c>1 − taker fee</c>: it is the root of equity − <see cref="MaintenanceMargin"/>, whose fee to close moves with
    /// the margin, not of equity − this figure (in Bybit's worked example, 36,380.25 rather than 36,381.91;
    /// docs/formulas.md, "Bybit Unified Trading Account: fee to close").
    /// </remarks>
    /// <param name="position">The position.</param>
    /// <param name="mark">The mark price (or the entry price, for profiles valued at entry).</param>
    /// <param name="leverage">The position's leverage setting.</param>
    public Money StatedMaintenanceMargin(IsolatedPosition position, Price mark, Leverage leverage) =>
        MaintenanceBeforeCloseFee(position, mark) + StatedCloseFee(position, leverage);

    /// <summary>The tiered requirement plus OKX's fee on the mark notional: everything but a reserved fee to close.</summary>
    private Money MaintenanceBeforeCloseFee(IsolatedPosition position, Price mark)
    {
        var notional = ValuationNotional(position, mark);
        var tiered = Money.Max(Money.Zero, Tiers.ForNotional(notional).MaintenanceMargin(notional));
        return tiered + notional.MultiplyBy(FeeRateOnMarkNotional, Rounding.Up);
    }

    /// <summary>
    /// The integer margin check that decides liquidation: equity at <paramref name="mark"/> at or below maintenance.
    /// </summary>
    public bool IsLiquidatable(IsolatedPosition position, Price mark) =>
        Equity(position, mark) <= MaintenanceMargin(position, mark);

    /// <summary>The margin ratio at <paramref name="mark"/> in the profile's convention, or null where undefined.</summary>
    public Rate? MarginRatio(IsolatedPosition position, Price mark) =>
        Profile.MarginRatio.Compute(Equity(position, mark), MaintenanceMargin(position, mark), Notional(position, mark));

    /// <summary>
    /// The liquidation price: the root of <c>equity − maintenance = 0</c>, with the tier that contains the notional at
    /// that price, rounded to <paramref name="tick"/> against the holder (a long's up, a short's down).
    /// Null when no representable positive price liquidates the position (a 1× long, an inverse short with full cover,
    /// a short margined so far beyond its notional that its root exceeds the largest price); a position that is
    /// liquidatable at every price gets the price that triggers at once (a long the largest tick, a short one tick).
    /// </summary>
    public Price? LiquidationPrice(IsolatedPosition position, Price tick)
    {
        return Round(position, SolveLiquidation(position), tick);
    }

    /// <summary>
    /// The bankruptcy price: where equity is zero (net of the reserved fee to close, where the profile reserves one),
    /// rounded to <paramref name="tick"/> against the holder. Null when the position cannot go bankrupt at a
    /// representable positive price.
    /// </summary>
    public Price? BankruptcyPrice(IsolatedPosition position, Price tick)
    {
        return Round(position, PriceRoot.Solve(position, new RequirementPiece(FeeRateAtBankruptcy, Money.Zero)), tick);
    }

    /// <summary>
    /// The most margin that can be removed at <paramref name="mark"/>:
    /// <c>max(0, min(margin − maintenance, margin + uPnL − max(initial margin at mark, transfer floor × notional)))</c>,
    /// Binance's rule with Hyperliquid's transfer floor where the profile has one. Rounded down.
    /// </summary>
    /// <param name="position">The position.</param>
    /// <param name="mark">Mark price.</param>
    /// <param name="leverage">The position's leverage setting (its initial-margin rate is 1 ÷ leverage).</param>
    public Money MaxRemovableMargin(IsolatedPosition position, Price mark, Leverage leverage)
    {
        var notional = Notional(position, mark);
        var initial = InitialMargin(position.Contract, position.Side, position.Quantity, mark, leverage);
        var keep = Money.Max(initial, notional.MultiplyBy(Profile.TransferFloor, Rounding.Up));
        var aboveMaintenance = position.Margin - MaintenanceMargin(position, mark);
        var aboveInitial = Equity(position, mark) - keep;
        return Money.Max(Money.Zero, Money.Min(aboveMaintenance, aboveInitial));
    }

    /// <summary>
    /// Why opening <paramref name="quantity"/> at <paramref name="price"/> with <paramref name="leverage"/> is not
    /// allowed by the tier table, or null when it is.
    /// </summary>
    public OpeningRejection? CheckOpening(ContractSpec contract, Quantity quantity, Price price, Leverage leverage)
    {
        if (leverage < Leverage.One)
        {
            return new("LEVERAGE_BELOW_ONE", $"leverage {leverage} must be at least 1");
        }

        var notional = contract.Notional(quantity, price, Rounding.Up);
        if (!Tiers.Admits(notional))
        {
            return new("NOTIONAL_ABOVE_MAX_TIER", $"notional {notional} exceeds the largest tier cap {Tiers.MaxNotional}");
        }

        var tier = Tiers.ForNotional(notional);
        return tier.MaxLeverage is { } max && leverage > max
            ? new("LEVERAGE_ABOVE_TIER_MAX", $"leverage {leverage} exceeds the maximum {max} of tier {tier.Number} (notional {notional})")
            : null;
    }

    /// <summary>
    /// The largest multiple of <paramref name="lotSize"/> that <paramref name="collateral"/> can open at
    /// <paramref name="price"/> with <paramref name="leverage"/>: its initial margin fits the collateral and its notional
    /// stays in a tier that allows the leverage. Zero when even one lot does not fit.
    /// </summary>
    public Quantity MaxQuantity(ContractSpec contract, PositionSide side, Price price, Money collateral, Leverage leverage, Quantity lotSize)
    {
        if (!lotSize.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(lotSize), lotSize, "The lot size must be positive.");
        }

        bool Fits(long lots)
        {
            var quantity = Quantity.FromUnits(checked(lots * lotSize.Units));
            try
            {
                return InitialMargin(contract, side, quantity, price, leverage) <= collateral
                    && CheckOpening(contract, quantity, price, leverage) is null;
            }
            catch (OverflowException)
            {
                // A size whose notional leaves the 64-bit range cannot be opened, nor can any larger one.
                return false;
            }
        }

        // Initial margin grows with size, and a larger size only reaches tiers with lower leverage limits:
        // both conditions are monotone, so the answer is a binary search over whole lots.
        long low = 0, high = UpperBoundLots(contract, price, collateral, leverage, lotSize);
        while (low < high)
        {
            // The upper middle, as high − ⌊(high − low) / 2⌋: low + (high − low + 1) / 2 overflows when the bound is
            // long.MaxValue lots, and a negative middle would never end the search.
            var middle = high - ((high - low) / 2);
            if (Fits(middle))
            {
                low = middle;
            }
            else
            {
                high = middle - 1;
            }
        }

        return Quantity.FromUnits(low * lotSize.Units);
    }

    private static long UpperBoundLots(ContractSpec contract, Price price, Money collateral, Leverage leverage, Quantity lotSize)
    {
        // Size whose bare initial margin (notional ÷ leverage) equals the collateral, plus one lot.
        var scale = (System.Numerics.BigInteger)FixedPoint.Scale;
        var budget = (System.Numerics.BigInteger)Math.Max(0, collateral.Units) * leverage.Units; // 10⁻¹⁶ of notional
        var quantityUnits = contract.Type == ContractType.Linear
            ? budget * scale / ((System.Numerics.BigInteger)contract.Size.Units * price.Units)
            : budget * price.Units / ((System.Numerics.BigInteger)contract.Size.Units * scale);
        var lots = (quantityUnits / lotSize.Units) + 1;
        var limit = long.MaxValue / lotSize.Units;
        return lots > limit ? limit : (long)lots;
    }

    private PriceRoot SolveLiquidation(IsolatedPosition position)
    {
        if (Profile.Valuation == MaintenanceValuation.AtEntry)
        {
            // Valued at entry, the whole requirement is one constant amount.
            return PriceRoot.Solve(position, new RequirementPiece(Rate.Zero, MaintenanceMargin(position, position.EntryPrice)));
        }

        var fixedFee = CloseFeeReserve(position);

        // Fast path: the piece of the tier at entry is the answer when its root lands in that same tier — unless the
        // first tier's maintenance amount is positive: every tier's amount then includes it, any piece can be negative,
        // and the zero floor may be the largest piece in any tier. A root that rounds to 0 (a short's, below 10⁻⁸) has
        // no inverse notional to find its tier by: the general path decides it.
        var entryTier = Tiers.ForNotional(Notional(position, position.EntryPrice));
        var candidate = PriceRoot.Solve(position, Piece(entryTier, fixedFee));
        if (candidate.Kind == PriceRootKind.At
            && candidate.TryToPrice(UserAdverse(position.Side), out var candidatePrice)
            && candidatePrice.IsPositive
            && Tiers.ForNotional(Notional(position, candidatePrice)) == entryTier
            && !Tiers.Tiers[0].MaintenanceAmount.IsPositive)
        {
            return candidate;
        }

        // Otherwise: the requirement is the largest of its pieces (plus a zero floor when tier 1 starts above zero),
        // so a long is liquidated at the highest piece root and a short at the lowest.
        // (A loop over the tiers, not a list of pieces: a lambda capturing the fee allocated on every solve, fast path or not.)
        var tiers = Tiers.Tiers;
        var floor = tiers[0].MaintenanceAmount.IsPositive;
        PriceRoot? best = null;
        for (var i = 0; i < tiers.Count + (floor ? 1 : 0); i++)
        {
            var piece = i < tiers.Count ? Piece(tiers[i], fixedFee) : new RequirementPiece(FeeRateOnMarkNotional, fixedFee);
            var root = PriceRoot.Solve(position, piece);
            if (root.Kind == PriceRootKind.Always)
            {
                return root;
            }

            if (root.Kind == PriceRootKind.At
                && (best is not { } current || (position.Side == PositionSide.Long ? root.CompareTo(current) > 0 : root.CompareTo(current) < 0)))
            {
                best = root;
            }
        }

        return best ?? PriceRoot.Never;
    }

    private RequirementPiece Piece(RiskTier tier, Money fixedFee) =>
        new(tier.MaintenanceRate + FeeRateOnMarkNotional, fixedFee - tier.MaintenanceAmount);

    private static Price? Round(IsolatedPosition position, PriceRoot root, Price tick)
    {
        if (!tick.IsPositive)
        {
            throw new ArgumentOutOfRangeException(nameof(tick), tick, "The tick size must be positive.");
        }

        var rounding = UserAdverse(position.Side);
        var largestTick = Price.FromUnits(FixedPoint.MaxUnits).RoundTo(tick, Rounding.Down);
        switch (root.Kind)
        {
            case PriceRootKind.At when root.TryToPrice(rounding, out var exact) && exact <= largestTick:
                return exact.RoundTo(tick, rounding) is var onTick && onTick <= largestTick ? onTick : largestTick;
            case PriceRootKind.At:
                // Beyond the largest price: no representable price reaches a short's root; a long is reached by all.
                return position.Side == PositionSide.Long ? largestTick : null;
            case PriceRootKind.Always:
                return position.Side == PositionSide.Long ? largestTick : tick;
            default:
                return null;
        }
    }

    /// <summary>Rounding against the holder: a long's prices up (liquidated sooner), a short's down.</summary>
    private static Rounding UserAdverse(PositionSide side) => side == PositionSide.Long ? Rounding.Up : Rounding.Down;
}
