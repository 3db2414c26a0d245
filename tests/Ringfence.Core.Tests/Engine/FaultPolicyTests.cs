using Ringfence.Core.Engine;
using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Numerics;
using Ringfence.Core.Pods;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine;

/// <summary>
/// The engine's fault policy: an exception no rule foresaw rolls the command back and rejects it with INTERNAL_ERROR;
/// the engine goes on. Faults are injected through the one pluggable part of the engine, the pod margin model.
/// </summary>
public sealed class FaultPolicyTests
{
    private const string Hedge = "hedge";

    [Fact]
    public void A_fault_inside_a_command_is_rolled_back_rejected_as_internal_error_and_counted()
    {
        var model = new FaultyPodModel();
        var engine = Funded(model);
        var before = engine.Hash();
        model.Fault = new InvalidOperationException("injected");

        var result = engine.Execute(Match("0.5", "20000", Cross(Maker), InPod(Alice, Hedge, leverage: 20)));

        var rejection = Assert.IsType<CommandRejected>(Assert.Single(result.Events));
        Assert.Equal(RejectionCodes.InternalError, rejection.Code);
        Assert.Equal("InvalidOperationException: injected", rejection.Reason);
        Assert.Empty(result.Postings);
        Assert.Equal(before, engine.Hash());
        Assert.Equal(1, engine.Faults);
    }

    [Fact]
    public void After_a_fault_the_engine_executes_the_same_command_normally()
    {
        var model = new FaultyPodModel();
        var engine = Funded(model);
        model.Fault = new KeyNotFoundException("injected");
        engine.Execute(Match("0.5", "20000", Cross(Maker), InPod(Alice, Hedge, leverage: 20)));
        model.Fault = null;

        engine.Accept(Match("0.5", "20000", Cross(Maker), InPod(Alice, Hedge, leverage: 20)));

        Assert.Equal(Quantity.Parse("0.5"), engine.Position(Alice, Ringfence.Core.Positions.MarginScope.InPod(Hedge)).Quantity);
        Assert.Equal(1, engine.Faults);
    }

    [Fact]
    public void A_fault_is_replayed_as_the_same_rejection()
    {
        // Journaled like any rejection, a faulting command must reproduce on replay: same events, same hash.
        var commands = new Command[] { Match("0.5", "20000", Cross(Maker), InPod(Alice, Hedge, leverage: 20)), new UpdateMarkPrice(Btcusdt, Price.FromWhole(19_000)) };
        var first = Funded(new FaultyPodModel { Fault = new InvalidOperationException("injected") });
        var second = Funded(new FaultyPodModel { Fault = new InvalidOperationException("injected") });

        var firstEvents = commands.SelectMany(c => first.Execute(c).Events).ToList();
        var secondEvents = commands.SelectMany(c => second.Execute(c).Events).ToList();

        Assert.Equal(firstEvents, secondEvents);
        Assert.Equal(first.Hash(), second.Hash());
    }

    [Fact]
    public void Out_of_memory_escapes_after_the_rollback()
    {
        var model = new FaultyPodModel();
        var engine = Funded(model);
        var before = engine.Hash();
#pragma warning disable CA2201 // The runtime's own exception is the point: it is the one the policy lets through.
        model.Fault = new OutOfMemoryException("injected");
#pragma warning restore CA2201

        Assert.Throws<OutOfMemoryException>(() => engine.Execute(Match("0.5", "20000", Cross(Maker), InPod(Alice, Hedge, leverage: 20))));

        model.Fault = null;
        Assert.Equal(before, engine.Hash());
        Assert.Equal(0, engine.Faults);
    }

    private static MarginEngine Funded(FaultyPodModel model)
    {
        var engine = Open(podModel: model);
        var fault = model.Fault;
        model.Fault = null;
        engine.AcceptAll(new CreatePod(Alice, Hedge), new FundPod(Alice, Hedge, Usdt, Money.FromWhole(1_500)));
        model.Fault = fault;
        return engine;
    }
}

