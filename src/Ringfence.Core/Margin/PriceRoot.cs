using System.Numerics;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Margin;

/// <summary>
/// Where <c>equity(P) − requirement(P)</c> of one position under one <see cref="RequirementPiece"/> changes sign over
/// the positive prices, computed exactly as a ratio of integers (10⁻⁸ price units) with no rounding.
/// </summary>
internal readonly struct PriceRoot
{
    // A root is held in 128-bit integers when every intermediate of its solution fits (realistic positions: the solve
    // then allocates nothing); otherwise in BigInteger, the exact path for any size. Both give the same value.
    private readonly Int128 _numerator;
    private readonly Int128 _denominator;
    private readonly BigInteger _bigNumerator;
    private readonly BigInteger _bigDenominator;
    private readonly bool _big;

    private PriceRoot(PriceRootKind kind, Int128 numerator, Int128 denominator)
    {
        Kind = kind;
        _numerator = numerator;
        _denominator = denominator;
    }

    private PriceRoot(PriceRootKind kind, BigInteger numerator, BigInteger denominator)
    {
        Kind = kind;
        _bigNumerator = numerator;
        _bigDenominator = denominator;
        _big = true;
    }

    /// <summary>No positive price makes the requirement reach equity.</summary>
    public static PriceRoot Never => new(PriceRootKind.Never, Int128.Zero, Int128.One);

    /// <summary>Whether there is a root, or the sign is the same at every positive price.</summary>
    public PriceRootKind Kind { get; }

    /// <summary>The root in 10⁻⁸ price units is <c>Numerator ÷ Denominator</c> (denominator positive).</summary>
    public BigInteger Numerator => _big ? _bigNumerator : (BigInteger)_numerator;

    /// <summary>Positive denominator of the root.</summary>
    public BigInteger Denominator => _big ? _bigDenominator : (BigInteger)_denominator;

    /// <summary>
    /// Solves <c>margin + pnl(P) = notional(P) × rate + constant</c>. Linear contracts are affine in P; inverse ones in
    /// 1/P; either way the root is one exact division.
    /// </summary>
    public static PriceRoot Solve(IsolatedPosition position, RequirementPiece piece)
    {
        try
        {
            return checked(SolveIn128(position, piece));
        }
        catch (OverflowException)
        {
            return SolveExactly(position, piece);
        }
    }

    /// <summary>Compares two roots of kind <see cref="PriceRootKind.At"/> exactly.</summary>
    public int CompareTo(PriceRoot other) =>
        !_big && !other._big && FixedPoint.FitsProduct(_numerator, other._denominator) && FixedPoint.FitsProduct(other._numerator, _denominator)
            ? (_numerator * other._denominator).CompareTo(other._numerator * _denominator)
            : (Numerator * other.Denominator).CompareTo(other.Numerator * Denominator);

    /// <summary>The root rounded to 10⁻⁸ price units, or false when that lies beyond the largest price.</summary>
    public bool TryToPrice(Rounding rounding, out Price price)
    {
        if (!_big)
        {
            var small = FixedPoint.Divide(_numerator, _denominator, rounding);
            price = small > FixedPoint.MaxUnits ? default : Price.FromUnits((long)small);
            return small <= FixedPoint.MaxUnits;
        }

        var units = FixedPoint.Divide(_bigNumerator, _bigDenominator, rounding);
        price = units > FixedPoint.MaxUnits ? default : Price.FromUnits((long)units);
        return units <= FixedPoint.MaxUnits;
    }

    /// <summary>The root rounded to 10⁻⁸ price units in the given direction.</summary>
    public Price ToPrice(Rounding rounding) => _big
        ? Price.FromUnits(FixedPoint.ToUnits(FixedPoint.Divide(_bigNumerator, _bigDenominator, rounding)))
        : Price.FromUnits(FixedPoint.ToUnits(FixedPoint.Divide(_numerator, _denominator, rounding)));

    /// <summary>
    /// The root rounded down to 10⁻⁸ price units, or the largest price when the root lies beyond it (the bankruptcy
    /// price of a nearly fully covered inverse short): still a price at or below the root.
    /// </summary>
    public Price ToPriceDownWithinRange()
    {
        if (!_big)
        {
            var small = FixedPoint.Divide(_numerator, _denominator, Rounding.Down);
            return Price.FromUnits(small > FixedPoint.MaxUnits ? FixedPoint.MaxUnits : FixedPoint.ToUnits(small));
        }

        var units = FixedPoint.Divide(_bigNumerator, _bigDenominator, Rounding.Down);
        return Price.FromUnits(units > FixedPoint.MaxUnits ? FixedPoint.MaxUnits : FixedPoint.ToUnits(units));
    }

    /// <summary>The solution of <see cref="Solve"/> in checked 128-bit arithmetic: throws OverflowException where it would not fit.</summary>
    private static PriceRoot SolveIn128(IsolatedPosition position, RequirementPiece piece)
    {
        checked
        {
            Int128 scale = FixedPoint.Scale;
            Int128 side = position.Side.Sign();
            var sized = (Int128)position.Quantity.Units * position.Contract.Size.Units; // 10⁻¹⁶ units
            Int128 entry = position.EntryPrice.Units;
            var cushion = (Int128)position.Margin.Units - piece.Constant.Units; // W − K, 10⁻⁸ units
            Int128 rate = piece.MarkRate.Units;

            Int128 numerator, denominator;
            int signAtEntry;
            if (position.Contract.Type == Instruments.ContractType.Linear)
            {
                var a = (cushion * scale * scale) - (side * sized * entry);
                var b = sized * ((side * scale) - rate);
                numerator = -a * scale;
                denominator = b;
                signAtEntry = Int128.Sign((a * scale) + (b * entry));
            }
            else
            {
                var growth = sized * ((side * scale) + rate) * entry;
                var offset = (cushion * entry) + (side * sized);
                numerator = growth;
                denominator = offset * scale;
                signAtEntry = Int128.Sign((offset * scale) - (sized * ((side * scale) + rate)));
            }

            if (denominator == 0 || Int128.Sign(numerator) * Int128.Sign(denominator) <= 0)
            {
                return new(signAtEntry > 0 ? PriceRootKind.Never : PriceRootKind.Always, Int128.Zero, Int128.One);
            }

            return denominator < 0
                ? new(PriceRootKind.At, -numerator, -denominator)
                : new(PriceRootKind.At, numerator, denominator);
        }
    }

    /// <summary>The same solution in arbitrary precision: exact for any position.</summary>
    private static PriceRoot SolveExactly(IsolatedPosition position, RequirementPiece piece)
    {
        var scale = (BigInteger)FixedPoint.Scale;
        var side = position.Side.Sign();
        var sized = (BigInteger)position.Quantity.Units * position.Contract.Size.Units; // 10⁻¹⁶ units
        var entry = (BigInteger)position.EntryPrice.Units;
        var cushion = (BigInteger)position.Margin.Units - piece.Constant.Units; // W − K, 10⁻⁸ units
        var rate = (BigInteger)piece.MarkRate.Units;

        BigInteger numerator, denominator, signAtEntry;
        if (position.Contract.Type == Instruments.ContractType.Linear)
        {
            // f(P) = (W − K − s·Qb·EP) + P·Qb·(s − ρ)  =  A + B·P, root P = −A ÷ B.
            var a = (cushion * scale * scale) - (side * sized * entry); // 10⁻²⁴
            var b = sized * ((side * scale) - rate); // 10⁻²⁴ per price unit
            numerator = -a * scale;
            denominator = b;
            signAtEntry = ((a * scale) + (b * entry)).Sign;
        }
        else
        {
            // With u = 1/P: f = (W − K + s·V/EP) − u·V·(s + ρ); root P = V·(s + ρ)·EP ÷ ((W − K)·EP + s·V).
            var growth = sized * ((side * scale) + rate) * entry; // 10⁻³²
            var offset = (cushion * entry) + (side * sized); // 10⁻¹⁶
            numerator = growth;
            denominator = offset * scale;
            signAtEntry = ((offset * scale) - (sized * ((side * scale) + rate))).Sign;
        }

        if (denominator.IsZero || numerator.Sign * denominator.Sign <= 0)
        {
            // No positive root: the sign anywhere is the sign everywhere.
            return new(signAtEntry > 0 ? PriceRootKind.Never : PriceRootKind.Always, BigInteger.Zero, BigInteger.One);
        }

        return denominator.Sign < 0
            ? new(PriceRootKind.At, -numerator, -denominator)
            : new(PriceRootKind.At, numerator, denominator);
    }
}

/// <summary>What solving one requirement piece found.</summary>
internal enum PriceRootKind
{
    /// <summary>The sign changes at a positive price.</summary>
    At,

    /// <summary>Equity exceeds the requirement at every positive price.</summary>
    Never,

    /// <summary>Equity is at or below the requirement at every positive price.</summary>
    Always,
}
