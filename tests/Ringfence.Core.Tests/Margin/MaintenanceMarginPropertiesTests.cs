using FsCheck;
using FsCheck.Fluent;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Margin;

/// <summary>
/// The integer requirements are the exact ones rounded up (against the holder) by less than a few units: maintenance at
/// the mark, maintenance fixed at entry, the reserved fee to close and the initial margin.
/// </summary>
public sealed class MaintenanceMarginPropertiesTests
{
    private static Gen<(MarginCase Case, Price Mark)> CasesWithMarks =>
        from c in MarginCases.Any
        from perMille in Gen.Choose(250, 4000)
        select (c, Price.FromUnits(c.Position.EntryPrice.Units / 1000 * perMille));

    [Fact]
    public void Maintenance_at_the_mark_is_the_exact_tax_bracket_requirement_rounded_up()
    {
        PropertyCases.Verify(CasesWithMarks.Where(t => t.Case.Model.Profile.Valuation == MaintenanceValuation.AtMark), t =>
        {
            var (c, mark) = t;
            var exact = ExactMargin.RequirementAtMark(c.Model, c.Position, Fraction.Of(mark));
            var integer = Fraction.Of(c.Model.MaintenanceMargin(c.Position, mark));
            Assert.True(integer >= exact, $"maintenance {integer} below the exact {exact}; {c}");
            Assert.True(integer - exact < Fraction.FromUnits(4), $"maintenance {integer} more than rounding above the exact {exact}; {c}");
        });
    }

    [Fact]
    public void Maintenance_valued_at_entry_is_fixed_and_the_exact_entry_requirement_rounded_up()
    {
        PropertyCases.Verify(CasesWithMarks.Where(t => t.Case.Model.Profile.Valuation == MaintenanceValuation.AtEntry), t =>
        {
            var (c, mark) = t;
            var fixedAtEntry = c.Model.MaintenanceMargin(c.Position, c.Position.EntryPrice);
            Assert.Equal(fixedAtEntry, c.Model.MaintenanceMargin(c.Position, mark));
            var exact = ExactMargin.RequirementAtMark(c.Model, c.Position, Fraction.Of(c.Position.EntryPrice));
            Assert.True(Fraction.Of(fixedAtEntry) >= exact && Fraction.Of(fixedAtEntry) - exact < Fraction.FromUnits(4), $"{fixedAtEntry} vs exact {exact}; {c}");
            Assert.Equal(c.Model.TierAt(c.Position, c.Position.EntryPrice), c.Model.TierAt(c.Position, mark));
        });
    }

    [Fact]
    public void The_reserved_fee_to_close_is_the_exact_bankruptcy_value_times_the_taker_fee_rounded_up()
    {
        PropertyCases.Verify(MarginCases.Any, c =>
        {
            var reserve = Fraction.Of(c.Model.CloseFeeReserve(c.Position));
            if (c.Model.Profile.CloseFee != CloseFee.BankruptcyValue || c.TakerFee == Rate.Zero)
            {
                Assert.Equal(Fraction.Zero, reserve);
                return;
            }

            var root = ExactMargin.BankruptcyRoot(c.Model, c.Position);
            var exact = root is { } price ? ExactMargin.FeeToClose(c.Model, c.Position, price) : Fraction.Zero;
            Assert.True(reserve >= exact, $"reserved fee {reserve} below the exact {exact}; {c}");

            // Above it by no more than the price's own rounding (one unit toward the larger notional) and two units.
            var unit = Fraction.FromUnits(c.IsLinear ? 1 : -1);
            var loosest = root is { } p ? ExactMargin.FeeToClose(c.Model, c.Position, p + unit) : Fraction.Zero;
            Assert.True(reserve < loosest + Fraction.FromUnits(2), $"reserved fee {reserve} more than rounding above the exact {exact}; {c}");
        });
    }

    [Fact]
    public void Initial_margin_is_notional_over_leverage_plus_the_fee_on_the_bankruptcy_value_rounded_up()
    {
        PropertyCases.Verify(MarginCases.Any, c =>
        {
            var position = c.Position;
            var notional = ExactMargin.Notional(position, Fraction.Of(position.EntryPrice));
            var margin = notional / Fraction.Of(c.Leverage);
            var fee = Fraction.Zero;
            if (c.Model.Profile.CloseFee == CloseFee.BankruptcyValue)
            {
                // Value at the leverage's bankruptcy price: linear N·(1 − s/L), inverse N·(1 + s/L).
                var signed = Fraction.Whole(position.Side.Sign()) * margin;
                fee = (c.IsLinear ? notional - signed : notional + signed) * Fraction.Of(c.TakerFee);
            }

            var exact = margin + fee;
            var integer = Fraction.Of(c.InitialMargin);
            Assert.True(integer >= exact, $"initial margin {integer} below the exact {exact}; {c}");
            Assert.True(integer - exact < Fraction.FromUnits(4), $"initial margin {integer} more than rounding above the exact {exact}; {c}");
        });
    }

    [Fact]
    public void The_stated_maintenance_swaps_the_reserved_fee_for_the_fee_at_the_leverage_bankruptcy_price()
    {
        PropertyCases.Verify(CasesWithMarks, t =>
        {
            var (c, mark) = t;
            var stated = c.Model.StatedMaintenanceMargin(c.Position, mark, c.Leverage);
            var deciding = c.Model.MaintenanceMargin(c.Position, mark);
            var statedFee = c.Model.StatedCloseFee(c.Position, c.Leverage);
            Assert.Equal(deciding - c.Model.CloseFeeReserve(c.Position) + statedFee, stated);
            if (c.Model.Profile.CloseFee != CloseFee.BankruptcyValue)
            {
                Assert.Equal(deciding, stated);
                return;
            }

            // The stated fee is the one the initial margin holds, whatever margin was added or funding paid since.
            var bare = c.Model.InitialMargin(c.Position.Contract, c.Position.Side, c.Position.Quantity, c.Position.EntryPrice, c.Leverage)
                - c.Position.EntryNotional.DivideBy(c.Leverage, Rounding.Up);
            Assert.Equal(bare, statedFee);

            // Before margin moves, the position's own bankruptcy price is the leverage's: the two fees agree but for rounding.
            if (c.ExtraMarginPerMille == 0 && c.FundingPaidPerMille == 0)
            {
                // That rounding is not a fixed few units. With the opening margin W = m + f (m = ⌈N/L⌉, f = ⌈t·B⌉, B = N ∓ m
                // the stated bankruptcy value), the notional at the exact root is B + ε, −2/(1 − t) < ε < 1/(1 + t), so f is
                // within (−t/(1 + t), 1 + 2t/(1 − t)) of the exact fee there. The reserve, though, takes that root rounded by
                // up to one 10⁻⁸ price unit toward the larger notional (it is a requirement), which adds up to loosest − exact
                // to its fee: t·Q·m/P² units for an inverse contract, 3.19 for 1,000,000 × 78 USD long at 288.98, 1×, fee
                // 0.085419%, whose gap is −4. Rounding its notional and fee up adds < 1 + t: the reserve is in
                // [exact, loosest + 1 + t).
                var gap = Fraction.Of(stated) - Fraction.Of(deciding);
                var fee = Fraction.Of(c.TakerFee);
                var one = Fraction.Whole(1);
                var unit = Fraction.FromUnits(c.IsLinear ? 1 : -1);
                var root = ExactMargin.BankruptcyRoot(c.Model, c.Position);
                var exact = root is { } price ? ExactMargin.FeeToClose(c.Model, c.Position, price) : Fraction.Zero;
                var loosest = root is { } p ? ExactMargin.FeeToClose(c.Model, c.Position, p + unit) : Fraction.Zero;
                var below = exact - loosest - (Fraction.FromUnits(1) * (one + fee + (fee / (one + fee))));
                var above = Fraction.FromUnits(1) * (one + (Fraction.Whole(2) * fee / (one - fee)));
                Assert.True(gap > below && gap < above, $"stated {stated} and deciding {deciding} differ by {gap}, outside ({below}, {above}), with no margin moved; {c}");
            }
        });
    }
}
