using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Numerics;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine;

public sealed class MarginEngineTests
{
    private static readonly DateTimeOffset Noon = new(2026, 11, 21, 12, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_command_timed_before_the_last_accepted_one_is_rejected_TIME_WENT_BACKWARDS()
    {
        var engine = Open();
        engine.Accept(new Deposit(Alice, Usdt, Money.FromWhole(1)) { Time = Noon });

        engine.Reject(new Deposit(Alice, Usdt, Money.FromWhole(1)) { Time = Noon.AddTicks(-1) }, RejectionCodes.TimeWentBackwards);
        engine.Accept(new Deposit(Alice, Usdt, Money.FromWhole(1)) { Time = Noon });
        engine.Accept(new Deposit(Alice, Usdt, Money.FromWhole(1)));
        Assert.Equal(Noon, engine.TakeSnapshot().LastTime);
    }

    [Fact]
    public void A_rejected_command_does_not_move_the_clock()
    {
        var engine = Open();
        engine.Accept(new Deposit(Alice, Usdt, Money.FromWhole(1)) { Time = Noon });

        engine.Reject(new Deposit(Alice, Usdt, Money.Zero) { Time = Noon.AddHours(2) }, RejectionCodes.InvalidValue);

        engine.Accept(new Deposit(Alice, Usdt, Money.FromWhole(1)) { Time = Noon.AddHours(1) });
    }

    [Fact]
    public void A_repeated_client_id_returns_the_first_outcome_without_executing_again()
    {
        var engine = Open();
        var deposit = new Deposit(Alice, Usdt, Money.FromWhole(100)) { ClientId = "d-1" };
        var first = engine.Accept(deposit);
        var hash = engine.Hash();

        var again = engine.Execute(deposit);
        var reused = engine.Execute(new Withdraw(Alice, Usdt, Money.FromWhole(5_000)) { ClientId = "d-1" });

        Assert.True(again.Duplicate);
        Assert.True(reused.Duplicate);
        Assert.Equal(first.Events, again.Events);
        Assert.Equal(first.Events, reused.Events);
        Assert.Equal(first.Postings, again.Postings);
        Assert.Equal(hash, engine.Hash());
        Assert.Equal(Money.FromWhole(10_100), engine.Free(Alice));
    }

    [Fact]
    public void A_rejected_command_does_not_claim_its_client_id()
    {
        var engine = Open();
        var withdrawal = new Withdraw(Alice, Usdt, Money.FromWhole(15_000)) { ClientId = "w-1" };
        engine.Reject(withdrawal, RejectionCodes.InsufficientBalance);
        engine.Accept(new Deposit(Alice, Usdt, Money.FromWhole(5_000)));

        var retried = engine.Accept(withdrawal);

        Assert.False(retried.Duplicate);
        Assert.Equal(Money.Zero, engine.Free(Alice));
    }

    [Fact]
    public void A_restored_snapshot_has_the_same_hash_and_remembers_client_ids_and_the_clock()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)) with { ClientId = "t-1", Time = Noon });
        engine.Accept(new SetAutoTopUp(Alice, Btcusdt, true, Money.FromWhole(300)));

        var restored = MarginEngine.Restore(engine.TakeSnapshot());

        Assert.Equal(engine.Hash(), restored.Hash());
        Assert.True(restored.Execute(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)) with { ClientId = "t-1" }).Duplicate);
        restored.Reject(new Deposit(Alice, Usdt, Money.FromWhole(1)) { Time = Noon.AddSeconds(-1) }, RejectionCodes.TimeWentBackwards);
        Assert.Equal(
            engine.Execute(new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_000))).Events,
            restored.Execute(new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_000))).Events);
    }
}
