using Ringfence.Core.Accounts;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Numerics;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine.Handlers;

public sealed class AccountHandlerTests
{
    private static readonly AccountId Carol = AccountId.Create("carol");

    [Fact]
    public void Withdrawals_are_limited_to_what_the_cross_positions_leave_available()
    {
        var engine = Open();
        engine.AcceptAll(new CreateAccount(Carol), new Deposit(Carol, Usdt, Money.FromWhole(1_000)));
        // A cross long at the default 20×: initial margin 1,000, all of carol's balance.
        engine.Accept(Match("1", "20000", Cross(Carol), Cross(Maker)));
        engine.Reject(new Withdraw(Carol, Usdt, Money.FromUnits(1)), RejectionCodes.InsufficientBalance);

        engine.Accept(new UpdateMarkPrice(Btcusdt, Price.FromWhole(20_200)));

        // Equity 1,000 + 200 less initial margin at mark 1,010 leaves 190.
        engine.Reject(new Withdraw(Carol, Usdt, Money.Parse("190.00000001")), RejectionCodes.InsufficientBalance);
        var withdrawn = engine.Accept(new Withdraw(Carol, Usdt, Money.FromWhole(190)));
        Assert.Equal(new Withdrawn(Carol, Usdt, Money.FromWhole(190), Money.FromWhole(810)), Assert.Single(withdrawn.Events));
    }

    [Fact]
    public void Isolated_collateral_is_not_available_to_withdraw()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));

        engine.Reject(new Withdraw(Alice, Usdt, Money.Parse("8000.00000001")), RejectionCodes.InsufficientBalance);
        engine.Accept(new Withdraw(Alice, Usdt, Money.FromWhole(8_000)));
    }

    [Fact]
    public void Free_balance_moves_between_an_account_and_its_sub_account_either_way()
    {
        var engine = Open();

        engine.Accept(new Transfer(Alice, AliceSub, Usdt, Money.FromWhole(2_000)));
        engine.Accept(new Transfer(AliceSub, Alice, Usdt, Money.FromWhole(500)));

        Assert.Equal(Money.FromWhole(8_500), engine.Free(Alice));
        Assert.Equal(Money.FromWhole(1_500), engine.Free(AliceSub));
    }

    [Fact]
    public void Transfers_between_accounts_that_are_not_parent_and_child_are_refused_NOT_RELATED()
    {
        var engine = Open();
        var sibling = AccountId.Create("alice.sub2");
        engine.AcceptAll(new CreateAccount(sibling, Alice), new Transfer(Alice, AliceSub, Usdt, Money.FromWhole(100)));

        engine.Reject(new Transfer(Alice, Bob, Usdt, Money.FromWhole(100)), RejectionCodes.NotRelated);
        engine.Reject(new Transfer(Bob, AliceSub, Usdt, Money.FromWhole(100)), RejectionCodes.NotRelated);
        engine.Reject(new Transfer(AliceSub, sibling, Usdt, Money.FromWhole(100)), RejectionCodes.NotRelated);
    }

    [Fact]
    public void A_transfer_cannot_take_more_than_is_available_INSUFFICIENT_BALANCE() =>
        Open().Reject(new Transfer(Alice, AliceSub, Usdt, Money.Parse("10000.00000001")), RejectionCodes.InsufficientBalance);

    [Fact]
    public void Deposits_must_be_positive_and_into_an_account_that_exists()
    {
        var engine = Open();

        engine.Reject(new Deposit(Alice, Usdt, Money.Zero), RejectionCodes.InvalidValue);
        engine.Reject(new Deposit(Alice, Usdt, Money.FromWhole(-5)), RejectionCodes.InvalidValue);
        engine.Reject(new Deposit(Carol, Usdt, Money.FromWhole(5)), RejectionCodes.UnknownAccount);
    }

    [Fact]
    public void A_sub_account_needs_an_existing_parent_and_ids_are_unique()
    {
        var engine = Open();

        engine.Reject(new CreateAccount(AccountId.Create("orphan"), Carol), RejectionCodes.UnknownAccount);
        engine.Reject(new CreateAccount(Alice), RejectionCodes.DuplicateAccount);
    }
}
