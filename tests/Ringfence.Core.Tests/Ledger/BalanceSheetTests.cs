using Ringfence.Core.Accounts;
using Ringfence.Core.Ledger;
using Ringfence.Core.Numerics;

namespace Ringfence.Core.Tests.Ledger;

public sealed class BalanceSheetTests
{
    private static readonly Asset Usdt = Asset.Create("USDT");
    private static readonly LedgerAccount Alice = LedgerAccount.Free(AccountId.Create("alice"), Usdt);
    private static readonly LedgerAccount Bob = LedgerAccount.Free(AccountId.Create("bob"), Usdt);
    private static readonly LedgerAccount Clearing = LedgerAccount.Clearing("BTCUSDT", Usdt);

    [Fact]
    public void A_transfer_moves_the_amount_and_records_one_posting()
    {
        var (sheet, _) = Funded(100);

        sheet.Transfer(Alice, Bob, Money.FromWhole(30));

        Assert.Equal((Money.FromWhole(70), Money.FromWhole(30)), (sheet.Balance(Alice), sheet.Balance(Bob)));
        Assert.Equal(new Posting(Alice, Bob, Money.FromWhole(30)), sheet.CopyPostings()[^1]);
    }

    [Fact]
    public void A_free_balance_cannot_go_below_zero()
    {
        var (sheet, _) = Funded(100);

        var error = Assert.Throws<InsufficientBalanceException>(() => sheet.Transfer(Alice, Bob, Money.Parse("100.00000001")));

        Assert.Equal(Alice, error.Account);
        Assert.Equal((Money.FromWhole(100), Money.Zero), (sheet.Balance(Alice), sheet.Balance(Bob)));
    }

    [Fact]
    public void A_clearing_account_may_go_below_zero()
    {
        var (sheet, _) = Funded(100);

        sheet.Transfer(Clearing, Alice, Money.FromWhole(50));

        Assert.Equal(Money.FromWhole(-50), sheet.Balance(Clearing));
        Assert.True(Assert.Single(sheet.Audit()).Balances);
    }

    [Fact]
    public void Money_of_one_asset_never_moves_into_another()
    {
        var (sheet, _) = Funded(100);

        Assert.Throws<InvalidOperationException>(() => sheet.Transfer(Alice, LedgerAccount.Free(AccountId.Create("bob"), Asset.Create("BTC")), Money.FromWhole(1)));
        Assert.Throws<InvalidOperationException>(() => sheet.Transfer(Alice, Bob, Money.FromWhole(-1)));
    }

    [Fact]
    public void The_audit_sets_every_balance_against_deposits_less_withdrawals()
    {
        var (sheet, _) = Funded(100);
        sheet.Transfer(Alice, Bob, Money.FromWhole(40));
        sheet.Withdraw(Bob, Money.FromWhole(15));

        Assert.Equal(new AssetAudit(Usdt, Money.FromWhole(100), Money.FromWhole(15), Money.FromWhole(85)), Assert.Single(sheet.Audit()));
    }

    [Fact]
    public void Rolling_back_restores_every_balance_and_flow_since_the_last_commit()
    {
        var (sheet, undo) = Funded(100);
        var balances = sheet.Balances.ToList();
        var flows = sheet.Flows.ToList();

        sheet.Deposit(Bob, Money.FromWhole(7));
        sheet.Transfer(Alice, Clearing, Money.FromWhole(60));
        sheet.Withdraw(Bob, Money.FromWhole(7));
        undo.Rollback();

        Assert.Equal(balances, sheet.Balances);
        Assert.Equal(flows, sheet.Flows);
    }

    private static (BalanceSheet Sheet, UndoLog Undo) Funded(long alice)
    {
        var undo = new UndoLog();
        var sheet = new BalanceSheet(undo);
        sheet.Deposit(Alice, Money.FromWhole(alice));
        undo.Commit();
        return (sheet, undo);
    }
}
