using Ringfence.Core.Engine.Commands;
using Ringfence.Core.Engine.Events;
using Ringfence.Core.Margin;
using Ringfence.Core.Numerics;
using Ringfence.Core.Positions;
using static Ringfence.Core.Tests.Engine.Venue;

namespace Ringfence.Core.Tests.Engine.Handlers;

public sealed class PodHandlerTests
{
    private const string Hedge = "hedge";

    [Fact]
    public void Funding_a_pod_moves_collateral_from_the_free_balance_into_it()
    {
        var engine = Open();
        engine.Accept(new CreatePod(Alice, Hedge));

        var result = engine.Accept(new FundPod(Alice, Hedge, Usdt, Money.FromWhole(1_500)));

        Assert.Equal(new PodFunded(Alice, Hedge, Usdt, Money.FromWhole(1_500), Money.FromWhole(1_500)), Assert.Single(result.Events));
        Assert.Equal(Money.FromWhole(1_500), engine.Pod(Alice, Hedge).Collateral);
        Assert.Equal(Money.FromWhole(8_500), engine.Free(Alice));
    }

    [Fact]
    public void Defunding_a_pod_is_bounded_by_its_initial_requirement_REMOVE_EXCEEDS_MAX()
    {
        var engine = Open();
        engine.AcceptAll(new CreatePod(Alice, Hedge), new FundPod(Alice, Hedge, Usdt, Money.FromWhole(1_500)));
        engine.Accept(Match("0.5", "20000", Cross(Maker), InPod(Alice, Hedge, leverage: 20)));

        // 0.5 × 20,000 ÷ 20 = 500 must stay.
        engine.Reject(new DefundPod(Alice, Hedge, Usdt, Money.Parse("1000.00000001")), RejectionCodes.RemoveExceedsMax);
        engine.Accept(new DefundPod(Alice, Hedge, Usdt, Money.FromWhole(1_000)));

        Assert.Equal(Money.FromWhole(500), engine.Pod(Alice, Hedge).Collateral);
        Assert.Equal(Money.FromWhole(9_500), engine.Free(Alice));
    }

    [Fact]
    public void A_long_and_a_short_in_one_pod_net_into_one_position_and_realize_into_the_pod()
    {
        var engine = Open();
        engine.AcceptAll(new CreatePod(Alice, Hedge), new FundPod(Alice, Hedge, Usdt, Money.FromWhole(1_500)));
        engine.Accept(Match("1", "20000", InPod(Alice, Hedge, leverage: 20), Cross(Maker)));

        engine.Accept(Match("0.4", "21000", Cross(Maker), InPod(Alice, Hedge)));

        var position = engine.Position(Alice, MarginScope.InPod(Hedge));
        Assert.Equal((PositionSide.Long, Quantity.Parse("0.6")), (position.Side, position.Quantity));
        var pod = engine.Pod(Alice, Hedge);
        Assert.Equal(Money.FromWhole(1_900), pod.Collateral);
        Assert.Equal(Money.FromWhole(600), pod.InitialMargin);
        Assert.Equal(Money.FromWhole(8_500), engine.Free(Alice));
    }

    [Fact]
    public void Moving_an_isolated_position_into_a_pod_brings_its_collateral_with_it()
    {
        var engine = Open();
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Maker)));
        engine.Accept(new CreatePod(Alice, Hedge));

        var result = engine.Accept(new MovePositionToPod(Alice, Btcusdt, Hedge));

        Assert.Contains(new PositionMovedToPod(Alice, Btcusdt, Hedge, Money.FromWhole(2_000)), result.Events);
        Assert.False(engine.HasPosition(Alice, MarginScope.Isolated));
        var moved = engine.Position(Alice, MarginScope.InPod(Hedge));
        Assert.Equal((PositionSide.Long, Quantity.FromWhole(1), Leverage.FromWhole(10)), (moved.Side, moved.Quantity, moved.Leverage));
        Assert.Equal(Money.FromWhole(2_000), engine.Pod(Alice, Hedge).Collateral);
        Assert.Equal(Money.FromWhole(8_000), engine.Free(Alice));
    }

    [Fact]
    public void Moving_a_position_into_a_pod_that_holds_the_opposite_side_nets_them_away()
    {
        var engine = Open();
        engine.AcceptAll(new CreatePod(Alice, Hedge), new FundPod(Alice, Hedge, Usdt, Money.FromWhole(1_500)));
        engine.Accept(Match("1", "20000", Cross(Maker), InPod(Alice, Hedge, leverage: 20)));
        engine.Accept(Match("1", "20000", Isolated(Alice, 10), Cross(Bob)));

        var result = engine.Accept(new MovePositionToPod(Alice, Btcusdt, Hedge));

        Assert.Contains(new PositionClosed(Alice, Btcusdt, MarginScope.InPod(Hedge), Money.Zero, Money.Zero), result.Events);
        Assert.DoesNotContain(engine.View().Positions, p => p.Account == Alice);
        Assert.Equal(Money.FromWhole(3_500), engine.Pod(Alice, Hedge).Collateral);
        Assert.Equal(Money.Zero, engine.Pod(Alice, Hedge).InitialMargin);
    }

    [Fact]
    public void A_trade_into_a_pod_that_was_never_created_is_rejected_UNKNOWN_POD() =>
        Open().Reject(Match("1", "20000", InPod(Alice, Hedge), Cross(Maker)), RejectionCodes.UnknownPod);
}
