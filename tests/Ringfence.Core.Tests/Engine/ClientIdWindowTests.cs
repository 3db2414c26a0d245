using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Numerics;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine;

public sealed class ClientIdWindowTests
{
    private static readonly ExecutionResult Done = new(true, [], []);

    [Fact]
    public void The_window_keeps_the_last_ids_remembered_and_forgets_the_oldest_first()
    {
        var window = new ClientIdWindow(2);
        window.Remember("a", Done);
        window.Remember("b", Done);
        Assert.True(window.TryGet("a", out _));

        window.Remember("c", Done);

        Assert.False(window.TryGet("a", out _));
        Assert.True(window.TryGet("b", out _));
        Assert.Equal(["b", "c"], window.Remembered.Select(r => r.Key));
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-1)]
    public void A_window_must_hold_at_least_one_id(long size)
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new ClientIdWindow(size));
        Assert.Throws<ArgumentOutOfRangeException>(() => new EngineOptions { IdempotencyWindow = size });
    }

    [Fact]
    public void Restoring_refuses_more_ids_than_the_window_holds_or_an_id_twice()
    {
        KeyValuePair<string, ExecutionResult> Id(string id) => new(id, Done);

        Assert.Throws<ArgumentException>(() => new ClientIdWindow(1).Restore([Id("a"), Id("b")]));
        Assert.Throws<ArgumentException>(() => new ClientIdWindow(5).Restore([Id("a"), Id("a")]));
        var window = new ClientIdWindow(2);
        window.Restore([Id("a"), Id("b")]);
        window.Remember("c", Done);
        Assert.False(window.TryGet("a", out _));
        Assert.True(window.TryGet("b", out _));
    }

    [Fact]
    public void The_engine_runs_a_repeat_of_a_forgotten_id_as_a_new_command_and_its_snapshot_carries_the_window()
    {
        var engine = new MarginEngine(new EngineOptions { IdempotencyWindow = 2 });
        engine.Accept(new CreateAccount(Alice) { ClientId = "a-1" });
        var deposit = new Deposit(Alice, Usdt, Money.FromWhole(100)) { ClientId = "d-1" };
        engine.Accept(deposit);
        Assert.True(engine.Execute(deposit).Duplicate);

        // Neither a rejection nor a command without an id moves the window.
        engine.Reject(new Withdraw(Alice, Usdt, Money.FromWhole(1_000)) { ClientId = "w-1" }, RejectionCodes.InsufficientBalance);
        engine.Accept(new Deposit(Alice, Usdt, Money.FromWhole(1)));
        Assert.True(engine.Execute(deposit).Duplicate);
        engine.Accept(new Deposit(Alice, Usdt, Money.FromWhole(1)) { ClientId = "d-2" });
        engine.Accept(new Deposit(Alice, Usdt, Money.FromWhole(1)) { ClientId = "d-3" });

        var restored = MarginEngine.Restore(engine.TakeSnapshot());
        var again = restored.Execute(deposit);

        Assert.True(again.Accepted);
        Assert.False(again.Duplicate);
        Assert.Equal(Money.FromWhole(203), restored.Free(Alice));
        var snapshot = restored.TakeSnapshot();
        Assert.Equal(2, snapshot.IdempotencyWindow);
        Assert.Equal(["d-3", "d-1"], snapshot.Outcomes.Select(o => o.Key));
    }

    [Fact]
    public void The_window_size_and_the_order_of_remembered_ids_are_part_of_the_state_hash()
    {
        Assert.NotEqual(new MarginEngine(new EngineOptions { IdempotencyWindow = 2 }).Hash(), new MarginEngine().Hash());

        var abc = new MarginEngine();
        var bac = new MarginEngine();
        abc.AcceptAll(new CreateAccount(Alice) { ClientId = "a" }, new CreateAccount(Bob) { ClientId = "b" });
        bac.AcceptAll(new CreateAccount(Bob) { ClientId = "b" }, new CreateAccount(Alice) { ClientId = "a" });
        Assert.NotEqual(abc.Hash(), bac.Hash());
    }
}
